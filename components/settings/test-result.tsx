import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * What a settings page's "Test" button found: green when it worked, red when not, announced as a status.
 * With `detail` (even an empty one) the title is the box's heading and the detail a small line under it;
 * without, the title is the box's only line.
 */
export function TestResult({
  ok,
  title,
  detail,
  testId,
}: {
  ok: boolean;
  title: ReactNode;
  detail?: ReactNode;
  testId: string;
}) {
  return (
    <div
      role="status"
      data-testid={testId}
      className={cn(
        "rounded-lg px-3 py-2 text-sm",
        ok ? "bg-success/10 text-success" : "bg-destructive/10 text-destructive",
      )}
    >
      {detail === undefined ? (
        title
      ) : (
        <>
          <p className="font-medium">{title}</p>
          {detail && <p className={cn("mt-1 text-xs break-words", ok && "text-muted-foreground")}>{detail}</p>}
        </>
      )}
    </div>
  );
}
