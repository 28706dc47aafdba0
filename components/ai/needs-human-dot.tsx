"use client";

import { Hand } from "lucide-react";
import { useTranslations } from "next-intl";

/** In a conversation row: the assistant handed this client to a person. */
export function NeedsHumanMark() {
  const t = useTranslations("ai.handoff");
  return (
    <span
      className="inline-flex shrink-0 items-center gap-0.5 rounded bg-amber-500/15 px-1 py-px text-[10px] font-medium text-amber-700 dark:text-amber-300"
      data-testid="needs-human-mark"
    >
      <Hand className="size-2.5" aria-hidden />
      {t("mark")}
    </span>
  );
}
