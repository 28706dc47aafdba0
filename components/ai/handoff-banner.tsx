"use client";

import { Hand, PauseCircle, Play } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { ConversationAi } from "./ai-api";
import { useHandoffReason } from "./handoff-reason";
import { usePatchConversationAi } from "./use-conversation-ai";

/**
 * Under the thread header when the assistant stepped back: it handed the client to a person (with its reason),
 * or an agent replied and auto-replies paused. "Resume AI" gives the conversation back to the assistant.
 */
export function HandoffBanner({
  conversationId,
  ai,
  canWrite,
}: {
  conversationId: string;
  ai: ConversationAi;
  canWrite: boolean;
}) {
  const t = useTranslations("ai.handoff");
  const patch = usePatchConversationAi(conversationId);
  const reasonText = useHandoffReason();
  const needsHuman = Boolean(ai.needsHuman);
  const paused = ai.aiPausedReason === "agent_reply" && ai.effectiveAiMode === "auto";
  if (!needsHuman && !paused) return null;
  const Icon = needsHuman ? Hand : PauseCircle;
  return (
    <div
      role="status"
      data-testid={needsHuman ? "needs-human" : "ai-paused"}
      className={
        needsHuman
          ? "flex flex-wrap items-center gap-x-3 gap-y-1.5 border-b border-amber-500/30 bg-amber-500/10 px-4 py-2"
          : "flex flex-wrap items-center gap-x-3 gap-y-1.5 border-b bg-muted/50 px-4 py-2"
      }
    >
      <Icon
        className={
          needsHuman ? "size-4 shrink-0 text-amber-600 dark:text-amber-400" : "size-4 shrink-0 text-muted-foreground"
        }
        aria-hidden
      />
      <div className="min-w-48 flex-1 text-[13px]">
        <p className="font-medium">{needsHuman ? t("title") : t("pausedTitle")}</p>
        <p className="text-xs text-muted-foreground">
          {needsHuman ? (reasonText(ai.handoffReason) ?? t("noReason")) : t("pausedBody")}
        </p>
      </div>
      {canWrite && (
        <Button
          variant="outline"
          size="sm"
          className="h-7"
          onClick={() => patch.mutate({ resumeAi: true })}
          loading={patch.isPending}
        >
          {!patch.isPending && <Play aria-hidden />}
          {t("resume")}
        </Button>
      )}
    </div>
  );
}
