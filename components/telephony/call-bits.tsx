"use client";

import { Bot, PhoneIncoming, PhoneMissed, PhoneOutgoing } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { CallView } from "./telephony-api";

const TONES = {
  ringing: "primary",
  answered: "success",
  missed: "destructive",
  busy: "warning",
  failed: "destructive",
  unknown: "neutral",
} as const;

export function CallStatusBadge({ status }: { status: CallView["status"] }) {
  const t = useTranslations("calls");
  return (
    <Badge tone={TONES[status]} data-testid="call-status">
      {t(`status.${status}`)}
    </Badge>
  );
}

export function DirectionIcon({ call }: { call: Pick<CallView, "direction" | "status"> }) {
  const t = useTranslations("calls");
  const Icon = call.direction === "outbound" ? PhoneOutgoing : call.status === "missed" ? PhoneMissed : PhoneIncoming;
  return (
    <Icon
      className={call.status === "missed" ? "size-4 text-destructive" : "size-4 text-muted-foreground"}
      aria-label={t(`direction.${call.direction}`)}
    />
  );
}

export function SourceLabel({ call }: { call: Pick<CallView, "source" | "ai"> }) {
  const t = useTranslations("calls");
  return (
    <span className="inline-flex items-center gap-1 text-xs text-muted-foreground">
      {call.ai && <Bot className="size-3.5 text-primary" aria-label={t("aiCall")} />}
      {t(`source.${call.source}`)}
    </span>
  );
}

export function ScorePill({ score }: { score: number | null }) {
  if (score == null) return null;
  const tone = score >= 70 ? "success" : score >= 40 ? "warning" : "neutral";
  return (
    <Badge tone={tone} data-testid="call-score" className="tabular-nums">
      AI {score}
    </Badge>
  );
}
