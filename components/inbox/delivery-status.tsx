"use client";

import { Check, CheckCheck, CircleAlert, Clock3 } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { MessageView } from "./inbox-api";

/** The ticks messengers taught everyone: clock, one tick, two ticks, two blue ticks, or a red mark. */
export function DeliveryStatus({ status, className }: { status: MessageView["status"]; className?: string }) {
  const t = useTranslations("inbox.delivery");
  if (status === "received") return null;
  const Icon = { queued: Clock3, sent: Check, delivered: CheckCheck, read: CheckCheck, failed: CircleAlert }[status];
  return (
    <span title={t(status)} role="img" aria-label={t(status)} className={cn("inline-flex", className)}>
      <Icon
        className={cn(
          "size-3.5",
          status === "read" && "text-sky-300",
          status === "failed" && "text-destructive",
          status === "queued" && "size-3",
        )}
        aria-hidden
      />
    </span>
  );
}
