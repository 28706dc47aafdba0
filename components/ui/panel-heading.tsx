import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * A side panel's heading: small capitals where the panel sits among others (a drawer, the inbox's side panel),
 * or a card's title (`prominent`) where it stands as a card of its own, like the contact page's.
 */
export function PanelHeading({
  children,
  icon: Icon,
  prominent,
}: {
  children: ReactNode;
  icon?: LucideIcon;
  prominent?: boolean;
}) {
  return (
    <h3
      className={cn(
        "flex items-center gap-1.5",
        prominent ? "text-sm font-semibold" : "text-xs font-semibold tracking-wide text-muted-foreground uppercase",
      )}
    >
      {Icon && <Icon className={prominent ? "size-4 text-muted-foreground" : "size-3.5"} aria-hidden />}
      {children}
    </h3>
  );
}
