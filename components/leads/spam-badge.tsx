"use client";

import { Ban } from "lucide-react";
import { useTranslations } from "next-intl";

/** A lead the analysis read as spam or a sales pitch to the business: not a client, scored cold. */
export function SpamBadge() {
  const t = useTranslations("leadAnalysis");
  return (
    <span
      className="inline-flex items-center gap-1 rounded-full bg-muted px-1.5 py-px text-[10px] font-semibold text-muted-foreground ring-1 ring-border ring-inset"
      title={t("spamHint")}
      data-testid="spam-badge"
    >
      <Ban className="size-3" aria-hidden />
      {t("spam")}
    </span>
  );
}
