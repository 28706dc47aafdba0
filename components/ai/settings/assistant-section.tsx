"use client";

import { Cpu, WifiOff } from "lucide-react";
import { useTranslations } from "next-intl";
import { Switch } from "@/components/channels/switch";
import { ChannelIcon } from "@/components/channels/channel-icon";
import { useChannels } from "@/components/channels/use-channels";
import { Card, SettingsSection } from "@/components/settings/section";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { AiMode, AiSettings } from "../ai-api";
import { ModePicker, MODES } from "./mode-picker";
import type { FieldErrors, Update } from "./use-settings-form";

const INHERIT = "inherit";

/** Which engine answers, who answers by default, per channel, and when a dialog is worth analysing. */
export function AssistantSection({
  value,
  update,
  errors,
  engine,
}: {
  value: AiSettings;
  update: Update;
  errors: FieldErrors;
  engine: "openai" | "offline";
}) {
  const t = useTranslations("aiSettings.assistant");
  const tModes = useTranslations("aiSettings.modes");
  const tLower = useTranslations("ai.mode.lower");
  const tLimits = useTranslations("aiReliability.settings");
  const channels = useChannels();
  const setChannel = (id: string, patch: Partial<AiSettings["channels"][string]>) =>
    update((s) => ({
      ...s,
      channels: { ...s.channels, [id]: { ...(s.channels[id] ?? { mode: null, voiceReplies: false }), ...patch } },
    }));
  return (
    <SettingsSection id="ai-assistant" title={t("title")} description={t("description")}>
      <Card className="divide-y">
        <div className="flex flex-wrap items-center gap-4 p-5" data-testid="ai-engine" data-engine={engine}>
          <span className="flex size-10 items-center justify-center rounded-xl bg-accent">
            {engine === "openai" ? (
              <Cpu className="size-5 text-primary" aria-hidden />
            ) : (
              <WifiOff className="size-5 text-muted-foreground" aria-hidden />
            )}
          </span>
          <div className="min-w-48 flex-1">
            <p className="text-sm font-medium">{engine === "openai" ? t("engineOpenai") : t("engineOffline")}</p>
            <p className="text-xs text-muted-foreground">
              {engine === "openai" ? t("engineOpenaiHint") : t("engineOfflineHint")}
            </p>
          </div>
          {engine === "openai" && (
            <Field label={t("model")} htmlFor="ai-model" error={errors.model} className="w-56">
              <Input
                id="ai-model"
                value={value.model ?? ""}
                placeholder={t("modelDefault")}
                onChange={(e) => update((s) => ({ ...s, model: e.target.value.trim() ? e.target.value : null }))}
              />
            </Field>
          )}
        </div>
        <div className="grid gap-2 p-5">
          <p className="text-[13px] font-medium">{t("defaultMode")}</p>
          <ModePicker
            name="default-mode"
            label={t("defaultMode")}
            value={value.defaultMode}
            onChange={(defaultMode) => update((s) => ({ ...s, defaultMode }))}
          />
          <p className="text-xs text-muted-foreground">{t(`modeHint.${value.defaultMode}`)}</p>
        </div>
        {(channels.data ?? []).length > 0 && (
          <ul className="divide-y" aria-label={t("channels")}>
            {(channels.data ?? []).map((channel) => {
              const own = value.channels[channel.id];
              return (
                <li
                  key={channel.id}
                  className="flex flex-wrap items-center gap-3 px-5 py-3"
                  data-testid={`ai-channel-${channel.name}`}
                >
                  <ChannelIcon type={channel.type} className="size-5" />
                  <span className="min-w-32 flex-1 truncate text-sm font-medium">{channel.name}</span>
                  <Select
                    value={own?.mode ?? INHERIT}
                    onValueChange={(mode) =>
                      setChannel(channel.id, { mode: mode === INHERIT ? null : (mode as AiMode) })
                    }
                  >
                    <SelectTrigger
                      className="h-8 w-auto gap-1.5 text-[13px]"
                      aria-label={t("channelMode", { name: channel.name })}
                    >
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent align="end">
                      <SelectItem value={INHERIT}>{t("inherit", { mode: tLower(value.defaultMode) })}</SelectItem>
                      {MODES.map((mode) => (
                        <SelectItem key={mode} value={mode}>
                          {tModes(mode)}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                  <label className="flex items-center gap-2 text-[13px] text-muted-foreground">
                    <Switch
                      checked={own?.voiceReplies ?? false}
                      onCheckedChange={(voiceReplies) => setChannel(channel.id, { voiceReplies })}
                      aria-label={t("voiceReplies", { name: channel.name })}
                    />
                    {t("voice")}
                  </label>
                </li>
              );
            })}
          </ul>
        )}
        <div className="p-5">
          <Field
            label={t("minIncoming")}
            htmlFor="ai-min-incoming"
            hint={t("minIncomingHint")}
            error={errors.minIncoming}
          >
            <Input
              id="ai-min-incoming"
              type="number"
              min={1}
              max={1000}
              value={value.minIncoming}
              onChange={(e) => update((s) => ({ ...s, minIncoming: Number(e.target.value) || 0 }))}
              className="w-28"
            />
          </Field>
          <Field
            label={tLimits("timeout")}
            htmlFor="ai-analysis-timeout"
            hint={tLimits("timeoutHint")}
            error={errors.analysisTimeoutSeconds}
            className="mt-4"
          >
            <Input
              id="ai-analysis-timeout"
              type="number"
              min={5}
              max={1800}
              value={value.analysisTimeoutSeconds}
              onChange={(e) => update((s) => ({ ...s, analysisTimeoutSeconds: Number(e.target.value) || 0 }))}
              className="w-28"
            />
          </Field>
        </div>
      </Card>
    </SettingsSection>
  );
}
