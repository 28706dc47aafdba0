"use client";

import { useTranslations } from "next-intl";
import { Card, SettingsSection } from "@/components/settings/section";
import { Input } from "@/components/ui/input";
import type { AiSettings } from "../ai-api";
import type { FieldErrors, Update } from "./use-settings-form";

const KEYS = ["q1", "q2", "q3", "q4"] as const;

/** Seed 004's four qualification questions, in Russian and English; the analysis answers each. */
export function QuestionsSection({
  value,
  update,
  errors,
}: {
  value: AiSettings;
  update: Update;
  errors: FieldErrors;
}) {
  const t = useTranslations("aiSettings.questions");
  const set = (key: (typeof KEYS)[number], lang: "ru" | "en", text: string) =>
    update((s) => ({
      ...s,
      qualificationQuestions: {
        ...s.qualificationQuestions,
        [key]: { ...s.qualificationQuestions[key], [lang]: text },
      },
    }));
  return (
    <SettingsSection id="ai-questions" title={t("title")} description={t("description")}>
      <Card className="divide-y">
        {KEYS.map((key, i) => {
          const error = errors[`qualificationQuestions.${key}.ru`] ?? errors[`qualificationQuestions.${key}.en`];
          return (
            <div key={key} className="flex gap-3 p-4">
              <span className="mt-1.5 flex size-6 shrink-0 items-center justify-center rounded-full bg-accent text-xs font-semibold text-accent-foreground">
                {i + 1}
              </span>
              <div className="grid flex-1 gap-2 sm:grid-cols-2">
                {(["ru", "en"] as const).map((lang) => (
                  <label key={lang} className="relative">
                    <span className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 rounded bg-muted px-1 text-[10px] font-semibold text-muted-foreground uppercase">
                      {lang}
                    </span>
                    <Input
                      value={value.qualificationQuestions[key][lang]}
                      onChange={(e) => set(key, lang, e.target.value)}
                      aria-label={t("label", { n: i + 1, lang: lang.toUpperCase() })}
                      aria-invalid={Boolean(errors[`qualificationQuestions.${key}.${lang}`]) || undefined}
                      className="pl-10"
                    />
                  </label>
                ))}
                {error && <p className="text-xs text-destructive sm:col-span-2">{error}</p>}
              </div>
            </div>
          );
        })}
      </Card>
    </SettingsSection>
  );
}
