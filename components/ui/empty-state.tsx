import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";

/** What a screen with nothing in it says: what will be here, and what to do about it. */
export function EmptyState({
  icon: Icon,
  title,
  description,
  children,
  className,
}: {
  icon: LucideIcon;
  title: ReactNode;
  description: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex flex-col items-center px-6 py-12 text-center", className)}>
      <div className="relative mb-5">
        <div
          className="absolute -inset-10 rounded-full bg-[radial-gradient(closest-side,color-mix(in_oklch,var(--primary)_18%,transparent),transparent)]"
          aria-hidden
        />
        <div className="relative flex size-14 items-center justify-center rounded-2xl border bg-card shadow-sm">
          <Icon className="size-6 text-primary" aria-hidden />
        </div>
      </div>
      <h2 className="text-base font-semibold text-balance">{title}</h2>
      <p className="mt-1.5 max-w-md text-sm text-balance text-muted-foreground">{description}</p>
      {children && <div className="mt-6 w-full max-w-3xl">{children}</div>}
    </div>
  );
}
