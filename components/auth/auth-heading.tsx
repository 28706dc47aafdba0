import type { ReactNode } from "react";

/** The title block of a signed-out page; usable from client and server components alike. */
export function AuthHeading({ title, subtitle }: { title: ReactNode; subtitle?: ReactNode }) {
  return (
    <div className="mb-7">
      <h1 className="text-2xl font-semibold tracking-tight text-balance">{title}</h1>
      {subtitle && <p className="mt-1.5 text-sm text-pretty text-muted-foreground">{subtitle}</p>}
    </div>
  );
}
