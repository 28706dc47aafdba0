"use client";

import { Info } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { ReplyExplanation } from "@/lib/ai/reply-explanation";

/**
 * Under an AI message: whether the assistant answered or withheld, how sure it was, which intent matched and
 * the profile fact it quoted — so an agent sees why it said what it said.
 */
export function AiReplyReason({ explanation, align }: { explanation: ReplyExplanation; align: "start" | "end" }) {
  const t = useTranslations("aiReplyReason");
  const { decision, confidence, intent, fact, reason, engine, tools } = explanation;
  const known = (group: "intents" | "reasons", key: string) => (t.has(`${group}.${key}`) ? t(`${group}.${key}`) : key);
  const parts = [
    engine === "openai" ? t("openai") : t("offline"),
    known("intents", intent ?? "none"),
    // A hand-off with no candidate at all has nothing to be sure of: no "0%".
    confidence !== null && (confidence > 0 || decision !== "withheld")
      ? t("confidence", { value: Math.round(confidence * 100) })
      : null,
    decision === "withheld" && reason ? known("reasons", reason) : null,
  ].filter(Boolean);
  return (
    <div
      className={cn(
        "mt-1 flex max-w-[min(80%,34rem)] flex-col gap-0.5 text-[11px] leading-snug text-muted-foreground",
        align === "end" ? "items-end text-right" : "items-start",
      )}
      data-testid="ai-reply-reason"
      data-decision={decision}
      aria-label={t("label")}
    >
      <span className="flex flex-wrap items-center gap-1">
        <Info className="size-3 shrink-0" aria-hidden />
        <span
          className={cn(
            "rounded-full px-1.5 py-px font-medium",
            decision === "withheld"
              ? "bg-amber-100 text-amber-900 dark:bg-amber-500/15 dark:text-amber-300"
              : "bg-emerald-100 text-emerald-900 dark:bg-emerald-500/15 dark:text-emerald-300",
          )}
        >
          {t(decision)}
        </span>
        <span>{parts.join(" · ")}</span>
      </span>
      {fact && (
        <span className="break-words" title={fact.text}>
          {t("fact", { fact: `${t(`facts.${fact.type}`)} — ${fact.text}` })}
        </span>
      )}
      {tools.length > 0 && <span>{t("tools", { tools: tools.join(", ") })}</span>}
    </div>
  );
}

/** Beside a draft the assistant did not dare send: why, so the agent checks that part. */
export function WithheldNote({ explanation }: { explanation: ReplyExplanation }) {
  const t = useTranslations("aiReplyReason");
  const reason =
    explanation.reason && t.has(`reasons.${explanation.reason}`) ? t(`reasons.${explanation.reason}`) : null;
  return (
    <span
      className="rounded-full bg-amber-100 px-1.5 py-px text-amber-900 dark:bg-amber-500/15 dark:text-amber-300"
      data-testid="ai-draft-withheld"
    >
      {t("draftWithheld", { reason: reason ?? t("intents.none") })}
    </span>
  );
}
