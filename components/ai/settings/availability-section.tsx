"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { timeZoneName } from "@/lib/client/time-zone-name";
import { Card, SettingsSection } from "@/components/settings/section";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import type { AiSettings } from "../ai-api";
import { TimeSelect } from "./time-select";
import type { FieldErrors, Update } from "./use-settings-form";

// 2024-01-01 was a Monday: ISO weekday n is that date plus n - 1 days.
const weekday = (n: number) => new Date(Date.UTC(2024, 0, n));

/** When the assistant may book appointments: working days, hours and the length of a slot. */
export function AvailabilitySection({
  value,
  update,
  errors,
}: {
  value: AiSettings;
  update: Update;
  errors: FieldErrors;
}) {
  const t = useTranslations("aiSettings.availability");
  const format = useFormatter();
  const locale = useLocale();
  const a = value.availability;
  const set = (patch: Partial<AiSettings["availability"]>) =>
    update((s) => ({ ...s, availability: { ...s.availability, ...patch } }));
  return (
    <SettingsSection
      id="ai-availability"
      title={t("title")}
      description={t("description", { timezone: timeZoneName(a.timezone, locale) })}
    >
      <Card className="grid gap-5 p-5">
        <div className="grid gap-2">
          <p className="text-[13px] font-medium">{t("days")}</p>
          <div className="flex flex-wrap gap-1.5" role="group" aria-label={t("days")}>
            {[1, 2, 3, 4, 5, 6, 7].map((day) => {
              const on = a.days.includes(day);
              return (
                <button
                  key={day}
                  type="button"
                  aria-pressed={on}
                  onClick={() => set({ days: on ? a.days.filter((d) => d !== day) : [...a.days, day].sort() })}
                  className={cn(
                    "h-8 w-11 cursor-pointer rounded-md border text-[13px] font-medium capitalize transition-colors disabled:cursor-not-allowed",
                    on
                      ? "border-primary bg-primary text-primary-foreground"
                      : "bg-card text-muted-foreground hover:bg-muted",
                  )}
                >
                  {format.dateTime(weekday(day), { weekday: "short", timeZone: "UTC" })}
                </button>
              );
            })}
          </div>
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={t("from")} htmlFor="ai-from" error={errors["availability.from"]}>
            <TimeSelect id="ai-from" value={a.from} onChange={(from) => set({ from })} />
          </Field>
          <Field label={t("to")} htmlFor="ai-to" error={errors["availability.to"] && t("toError")}>
            <TimeSelect
              id="ai-to"
              value={a.to}
              onChange={(to) => set({ to })}
              invalid={Boolean(errors["availability.to"])}
            />
          </Field>
          <Field label={t("slot")} htmlFor="ai-slot" error={errors["availability.slotMinutes"]}>
            <Input
              id="ai-slot"
              type="number"
              min={15}
              max={480}
              step={15}
              value={a.slotMinutes}
              onChange={(e) => set({ slotMinutes: Number(e.target.value) || 0 })}
            />
          </Field>
        </div>
      </Card>
    </SettingsSection>
  );
}
