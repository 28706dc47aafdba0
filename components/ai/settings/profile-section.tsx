"use client";

import { useTranslations } from "next-intl";
import { Card, SettingsSection } from "@/components/settings/section";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { AiSettings } from "../ai-api";
import { ListEditor } from "./list-editor";
import { Textarea } from "./textarea";
import type { FieldErrors, Update } from "./use-settings-form";

type Profile = NonNullable<AiSettings["profile"]>;
const EMPTY: Profile = {
  company: "",
  description: null,
  services: [],
  workingHours: null,
  serviceArea: null,
  faq: [],
  tone: "friendly",
};
const orNull = (v: string) => (v.trim() ? v : null);

/** The only facts the assistant may state: company, services and prices, hours, FAQ, and how it speaks. */
export function ProfileSection({ value, update, errors }: { value: AiSettings; update: Update; errors: FieldErrors }) {
  const t = useTranslations("aiSettings.profile");
  const profile = value.profile ?? EMPTY;
  const set = (patch: Partial<Profile>) => update((s) => ({ ...s, profile: { ...(s.profile ?? EMPTY), ...patch } }));
  const err = (path: string) => errors[`profile.${path}`];
  return (
    <SettingsSection id="ai-profile" title={t("title")} description={t("description")}>
      <Card className="grid gap-5 p-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("company")} htmlFor="ai-company" error={err("company")}>
            <Input
              id="ai-company"
              value={profile.company}
              onChange={(e) => set({ company: e.target.value })}
              placeholder={t("companyPlaceholder")}
              aria-invalid={Boolean(err("company")) || undefined}
            />
          </Field>
          <Field label={t("tone")} htmlFor="ai-tone">
            <Select value={profile.tone} onValueChange={(tone) => set({ tone: tone as Profile["tone"] })}>
              <SelectTrigger id="ai-tone">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {(["friendly", "neutral", "formal"] as const).map((tone) => (
                  <SelectItem key={tone} value={tone}>
                    {t(`tones.${tone}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </Field>
        </div>
        <Field label={t("about")} htmlFor="ai-description" error={err("description")}>
          <Textarea
            id="ai-description"
            value={profile.description ?? ""}
            onChange={(e) => set({ description: orNull(e.target.value) })}
            placeholder={t("aboutPlaceholder")}
            rows={2}
          />
        </Field>
        <Field label={t("hours")} htmlFor="ai-hours" error={err("workingHours")}>
          <Input
            id="ai-hours"
            value={profile.workingHours ?? ""}
            onChange={(e) => set({ workingHours: orNull(e.target.value) })}
            placeholder={t("hoursPlaceholder")}
          />
        </Field>
        <Field label={t("area")} htmlFor="ai-area" error={err("serviceArea")} hint={t("areaHint")}>
          <Input
            id="ai-area"
            value={profile.serviceArea ?? ""}
            onChange={(e) => set({ serviceArea: orNull(e.target.value) })}
            placeholder={t("areaPlaceholder")}
          />
        </Field>
        <div className="grid gap-2">
          <p className="text-[13px] font-medium">{t("services")}</p>
          <ListEditor
            testId="ai-services"
            items={profile.services}
            onChange={(services) => set({ services })}
            blank={{ name: "", description: null, price: null }}
            addLabel={t("addService")}
            removeLabel={(i) => t("removeService", { n: i + 1 })}
            empty={t("noServices")}
            render={(service, setService, i) => (
              <div className="grid gap-2 sm:grid-cols-[1fr_10rem]">
                <Input
                  value={service.name}
                  onChange={(e) => setService({ ...service, name: e.target.value })}
                  placeholder={t("serviceName")}
                  aria-label={t("serviceName")}
                  aria-invalid={Boolean(err(`services.${i}.name`)) || undefined}
                />
                <Input
                  value={service.price ?? ""}
                  onChange={(e) => setService({ ...service, price: orNull(e.target.value) })}
                  placeholder={t("servicePrice")}
                  aria-label={t("servicePrice")}
                />
                <Input
                  value={service.description ?? ""}
                  onChange={(e) => setService({ ...service, description: orNull(e.target.value) })}
                  placeholder={t("serviceDescription")}
                  aria-label={t("serviceDescription")}
                  className="sm:col-span-2"
                />
                {err(`services.${i}.name`) && (
                  <p className="text-xs text-destructive sm:col-span-2">{err(`services.${i}.name`)}</p>
                )}
              </div>
            )}
          />
        </div>
        <div className="grid gap-2">
          <p className="text-[13px] font-medium">{t("faq")}</p>
          <p className="-mt-1 text-xs text-muted-foreground">{t("faqHint")}</p>
          <ListEditor
            testId="ai-faq"
            items={profile.faq}
            onChange={(faq) => set({ faq })}
            blank={{ q: "", a: "" }}
            addLabel={t("addFaq")}
            removeLabel={(i) => t("removeFaq", { n: i + 1 })}
            empty={t("noFaq")}
            render={(entry, setEntry, i) => (
              <>
                <Input
                  value={entry.q}
                  onChange={(e) => setEntry({ ...entry, q: e.target.value })}
                  placeholder={t("question")}
                  aria-label={t("questionN", { n: i + 1 })}
                  aria-invalid={Boolean(err(`faq.${i}.q`)) || undefined}
                />
                <Textarea
                  value={entry.a}
                  onChange={(e) => setEntry({ ...entry, a: e.target.value })}
                  placeholder={t("answer")}
                  aria-label={t("answerN", { n: i + 1 })}
                  aria-invalid={Boolean(err(`faq.${i}.a`)) || undefined}
                  rows={2}
                />
                {(err(`faq.${i}.q`) || err(`faq.${i}.a`)) && (
                  <p className="text-xs text-destructive">{err(`faq.${i}.q`) ?? err(`faq.${i}.a`)}</p>
                )}
              </>
            )}
          />
        </div>
      </Card>
    </SettingsSection>
  );
}
