"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { usePresenceOf } from "./use-presence";

/** A member's online (green) / away (amber) / offline (grey) dot, over the corner of their avatar. */
export function PresenceDot({ userId, className }: { userId: string; className?: string }) {
  const t = useTranslations("inbox.workday.presence");
  const status = usePresenceOf(userId) ?? "offline";
  return (
    <span
      role="img"
      aria-label={t(status)}
      title={t(status)}
      data-testid="presence-dot"
      data-status={status}
      className={cn(
        "inline-block size-2 shrink-0 rounded-full ring-2 ring-background",
        status === "online" ? "bg-success" : status === "away" ? "bg-warning" : "bg-muted-foreground/40",
        className,
      )}
    />
  );
}
