import type { ComponentProps } from "react";
import { cn } from "@/components/ui/cn";

/** A multi-line Input: same border, focus ring and error state, growing with its content. */
export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return (
    <textarea
      className={cn(
        "flex min-h-16 w-full min-w-0 resize-y rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs transition-colors outline-none [field-sizing:content] placeholder:text-muted-foreground/70 focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/20 disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-destructive",
        className,
      )}
      {...props}
    />
  );
}
