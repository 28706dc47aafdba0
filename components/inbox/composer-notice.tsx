"use client";

import { Ban, Clock, LayoutTemplate, PauseCircle, Eye } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export type Blocked = "viewer" | "opted_out" | "channel_disabled" | "window_closed";

const icons = { viewer: Eye, opted_out: Ban, channel_disabled: PauseCircle, window_closed: Clock };

/**
 * In place of the composer: why the agent cannot write here, and what they can do instead. A closed window
 * without onTemplates is Instagram's: nothing reopens it but the client writing again.
 */
export function ComposerNotice({ reason, onTemplates }: { reason: Blocked; onTemplates?: () => void }) {
  const t = useTranslations("inbox.composer.blocked");
  const Icon = icons[reason];
  return (
    <div
      className="flex flex-wrap items-center gap-3 rounded-xl border border-dashed bg-muted/40 px-4 py-3"
      data-testid="composer-blocked"
      data-reason={reason}
    >
      <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-card shadow-xs">
        <Icon className="size-4 text-muted-foreground" aria-hidden />
      </span>
      <div className="min-w-56 flex-1">
        <p className="text-sm font-medium">{t(`${reason}.title`)}</p>
        <p className="text-xs text-muted-foreground">
          {t(reason === "window_closed" && !onTemplates ? "window_closed.bodyNoTemplates" : `${reason}.body`)}
        </p>
      </div>
      {reason === "window_closed" && onTemplates && (
        <Button size="sm" className="ml-auto" onClick={onTemplates}>
          <LayoutTemplate aria-hidden />
          {t("chooseTemplate")}
        </Button>
      )}
      {reason === "channel_disabled" && (
        <Button size="sm" variant="outline" className="ml-auto" asChild>
          <Link href="/settings/channels">{t("openChannels")}</Link>
        </Button>
      )}
    </div>
  );
}
