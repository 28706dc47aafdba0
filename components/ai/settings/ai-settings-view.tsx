"use client";

import { Lock } from "lucide-react";
import { useTranslations } from "next-intl";
import { LoadError } from "@/components/settings/query-state";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { roleAtLeast } from "@/lib/client/types";
import type { AiSettingsView as Saved } from "../ai-api";
import { useAiSettings } from "../use-ai-settings";
import { AssistantSection } from "./assistant-section";
import { AvailabilitySection } from "./availability-section";
import { ProfileSection } from "./profile-section";
import { QuotaBanner } from "./quota-banner";
import { QuestionsSection } from "./questions-section";
import { ScoringSection } from "./scoring-section";
import { useSettingsForm } from "./use-settings-form";

function Form({ saved, canEdit }: { saved: Saved; canEdit: boolean }) {
  const t = useTranslations("aiSettings");
  const form = useSettingsForm(saved);
  const props = { value: form.value, update: form.update, errors: form.errors };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (canEdit && form.dirty) form.save();
      }}
      onKeyDown={(e) => {
        // Cmd/Ctrl+S saves from anywhere in the form.
        if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "s") {
          e.preventDefault();
          if (canEdit && form.dirty) form.save();
        }
      }}
      data-testid="ai-settings"
    >
      <QuotaBanner />
      {!canEdit && (
        <p className="mb-6 flex items-center gap-2 rounded-lg border bg-muted/40 px-3 py-2 text-sm text-muted-foreground">
          <Lock className="size-4" aria-hidden />
          {t("readOnly")}
        </p>
      )}
      <fieldset disabled={!canEdit} className="grid gap-10">
        <AssistantSection {...props} engine={saved.engine} />
        <ProfileSection {...props} />
        <QuestionsSection {...props} />
        <ScoringSection {...props} />
        <AvailabilitySection {...props} />
      </fieldset>
      {canEdit && (form.dirty || form.saving) && (
        <div className="sticky bottom-0 z-10 -mx-2 mt-8 flex items-center justify-end gap-3 border-t bg-background/90 px-2 py-3 backdrop-blur">
          {form.dirty && <span className="mr-auto text-sm text-muted-foreground">{t("unsaved")}</span>}
          <Button type="button" variant="ghost" onClick={form.reset} disabled={!form.dirty || form.saving}>
            {t("discard")}
          </Button>
          <Button type="submit" loading={form.saving} disabled={!form.dirty} data-testid="ai-settings-save">
            {t("save")}
          </Button>
        </div>
      )}
    </form>
  );
}

/** Settings → AI: everyone sees how the assistant works here; admins change it. */
export function AiSettingsView() {
  const me = useMe();
  const settings = useAiSettings();
  if (settings.isPending)
    return (
      <div className="grid gap-4" aria-busy>
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-40" />
        <Skeleton className="h-64" />
      </div>
    );
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  return <Form saved={settings.data} canEdit={roleAtLeast(me.role, "admin")} />;
}
