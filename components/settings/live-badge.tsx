"use client";

import { useTranslations } from "next-intl";
import { useLiveStatus } from "@/components/shell/app-shell";

/** A quiet green dot when changes by colleagues arrive by themselves. */
export function LiveBadge() {
  const status = useLiveStatus();
  const t = useTranslations("settings.team");
  if (status !== "connected") return null;
  return (
    <span title={t("liveHint")} className="inline-flex items-center gap-1.5 text-xs font-normal text-muted-foreground">
      <span className="relative flex size-2">
        <span className="absolute inline-flex size-full animate-ping rounded-full bg-success/60 motion-reduce:hidden" />
        <span className="relative inline-flex size-2 rounded-full bg-success" />
      </span>
      {t("live")}
    </span>
  );
}
