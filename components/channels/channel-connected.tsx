"use client";

import { CircleCheck, Info } from "lucide-react";
import { useTranslations } from "next-intl";
import { CopyField } from "@/components/ui/copy-field";
import { Label } from "@/components/ui/label";
import { ChannelProblem } from "./channel-problem";
import type { ChannelView } from "./use-channels";

/**
 * After saving: where the provider must post (the webhook URL) and the generated secrets the admin may need
 * in the provider's console, shown this once (the API never returns secrets).
 */
export function ChannelConnected({ channel, revealed }: { channel: ChannelView; revealed: Record<string, string> }) {
  const t = useTranslations("channels");
  const tCommon = useTranslations("common");
  const copy = { copyLabel: tCommon("copy"), copiedLabel: tCommon("copied") };
  return (
    <div className="grid gap-4" data-testid="channel-connected">
      {channel.status === "error" ? (
        // Only admins create channels, so the provider's own words are theirs to see.
        <ChannelProblem type={channel.type} code={channel.lastErrorCode} detail={channel.lastError} showDetail saved />
      ) : (
        <p className="flex items-start gap-2 rounded-lg border border-success/30 bg-success/8 px-3 py-2 text-sm">
          <CircleCheck className="mt-0.5 size-4 shrink-0 text-success" aria-hidden />
          <span>{t(`types.${channel.type}.after`)}</span>
        </p>
      )}
      <div className="grid gap-1.5">
        <Label htmlFor="channel-webhook-url">{t("webhookUrl")}</Label>
        <CopyField id="channel-webhook-url" value={channel.webhookUrl} label={t("webhookUrl")} mono {...copy} />
      </div>
      {Object.entries(revealed).map(([key, value]) => (
        <div key={key} className="grid gap-1.5">
          <Label htmlFor={`channel-revealed-${key}`}>{t(`fields.${channel.type}.${key}.label`)}</Label>
          <CopyField
            id={`channel-revealed-${key}`}
            value={value}
            label={t(`fields.${channel.type}.${key}.label`)}
            mono
            {...copy}
          />
        </div>
      ))}
      <p className="flex items-start gap-2 text-xs text-muted-foreground">
        <Info className="mt-px size-3.5 shrink-0" aria-hidden />
        {Object.keys(revealed).length ? t("revealedOnce") : t("webhookHint")}
      </p>
    </div>
  );
}
