"use client";

import { Sparkles, Trash2, WifiOff } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { WithheldNote } from "./ai-reply-reason";
import type { Draft } from "./ai-api";

/** Above the reply box: this text is the assistant's draft (edit, then Enter sends it), or one is waiting. */
export function DraftLabel({
  active,
  offered,
  onUse,
  onDiscard,
}: {
  active: Draft | null;
  offered: Draft | null;
  onUse: () => void;
  onDiscard: () => void;
}) {
  const t = useTranslations("ai.draft");
  const draft = active ?? offered;
  if (!draft) return null;
  return (
    <div
      className="flex flex-wrap items-center gap-2 border-b border-primary/15 bg-accent/50 px-3 py-1.5 text-xs"
      data-testid="ai-draft"
      data-draft-id={draft.id}
      data-state={active ? "in-box" : "offered"}
    >
      <Sparkles className="size-3.5 shrink-0 text-primary" aria-hidden />
      <span className="font-semibold text-accent-foreground">{t("label")}</span>
      {draft.engine === "offline" && (
        <span className="inline-flex items-center gap-1 text-muted-foreground" title={t("offlineHint")}>
          <WifiOff className="size-3" aria-hidden />
          {t("offline")}
        </span>
      )}
      <span className="hidden text-muted-foreground @md:inline">{active ? t("editHint") : t("offeredHint")}</span>
      {draft.explanation?.decision === "withheld" && <WithheldNote explanation={draft.explanation} />}
      <span className="ml-auto flex items-center gap-1">
        {!active && (
          <Button variant="outline" size="sm" className="h-6 px-2 text-xs" onClick={onUse}>
            {t("use")}
          </Button>
        )}
        <Button variant="ghost" size="sm" className="h-6 px-2 text-xs text-muted-foreground" onClick={onDiscard}>
          <Trash2 className="!size-3.5" aria-hidden />
          {t("discard")}
        </Button>
      </span>
    </div>
  );
}
