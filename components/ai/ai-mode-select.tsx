"use client";

import { Sparkles } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { AiMode, ConversationAi } from "./ai-api";
import { usePatchConversationAi } from "./use-conversation-ai";

const INHERIT = "inherit";
const MODES: AiMode[] = ["auto", "draft", "off"];

/** Who answers this conversation: the channel's/organisation's mode, or its own auto / draft / off. */
export function AiModeSelect({
  conversationId,
  ai,
  disabled,
}: {
  conversationId: string;
  ai: ConversationAi;
  disabled: boolean;
}) {
  const t = useTranslations("ai.mode");
  const patch = usePatchConversationAi(conversationId);
  const own = ai.aiMode ?? null;
  const effective = ai.effectiveAiMode ?? own ?? "draft";
  return (
    <Select
      value={own ?? INHERIT}
      onValueChange={(v) => patch.mutate({ aiMode: v === INHERIT ? null : (v as AiMode) })}
      disabled={disabled}
    >
      <SelectTrigger
        aria-label={t("label")}
        title={t("current", { mode: own ? t(`lower.${own}`) : t("inherit", { mode: t(`lower.${effective}`) }) })}
        className="h-8 w-auto shrink-0 gap-1.5 px-2.5 text-[13px]"
        data-testid="ai-mode-select"
        data-mode={effective}
      >
        <Sparkles
          className={cn("size-3.5", effective === "off" ? "text-muted-foreground" : "text-primary")}
          aria-hidden
        />
        {/* Short in the header (the menu spells it out); muted while it only follows the default. */}
        <SelectValue>
          <span className={cn("hidden @sm:inline", !own && "text-muted-foreground")}>{t(`short.${effective}`)}</span>
        </SelectValue>
      </SelectTrigger>
      <SelectContent align="end">
        <SelectItem value={INHERIT} description={t("inheritHint")}>
          {t("inherit", { mode: t(`lower.${effective}`) })}
        </SelectItem>
        {MODES.map((mode) => (
          <SelectItem key={mode} value={mode} description={t(`${mode}Hint`)}>
            {t(mode)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
