"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { ApiRequestError } from "@/lib/client/api";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { aiKeys, saveAiSettings, type AiSettings, type AiSettingsView } from "../ai-api";

export type FieldErrors = Record<string, string>;
export type Update = (change: (draft: AiSettings) => AiSettings) => void;

/** The 400's details as { "profile.company": "…" }, so each field can show its own. */
function fieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiRequestError) || error.status !== 400 || !Array.isArray(error.details)) return {};
  const out: FieldErrors = {};
  for (const d of error.details as { path?: string; message?: string }[])
    if (d.path && d.message && !out[d.path]) out[d.path] = d.message;
  return out;
}

/** A profile with nothing typed in is "no profile" (the assistant then hands every question off). */
function normalise(settings: AiSettings): AiSettings {
  const p = settings.profile;
  const empty =
    p &&
    !p.company.trim() &&
    !p.description?.trim() &&
    !p.workingHours?.trim() &&
    !p.serviceArea?.trim() &&
    !p.services.length &&
    !p.faq.length;
  return empty ? { ...settings, profile: null } : settings;
}

/**
 * Settings → AI as one form: edits stay local until Save, which PUTs the whole object; a 400 puts each error
 * under its field. Realtime refreshes the saved copy, never the edits in progress.
 */
export function useSettingsForm(saved: AiSettingsView) {
  const t = useTranslations("aiSettings");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<AiSettings | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { engine: _engine, ...savedSettings } = saved;
  const value = draft ?? savedSettings;

  const save = useMutation({
    mutationFn: () => saveAiSettings(normalise(value)),
    onSuccess: (next) => {
      queryClient.setQueryData(aiKeys.settings, { ...next, engine: next.engine ?? saved.engine });
      setDraft(null);
      setErrors({});
      toast.success(t("saved"));
    },
    onError: (error) => {
      const fields = fieldErrors(error);
      setErrors(fields);
      toast.error(Object.keys(fields).length ? t("fixErrors") : errorMessage(error));
    },
  });

  const update: Update = (change) => setDraft((d) => change(d ?? savedSettings));
  return {
    value,
    update,
    dirty: draft !== null,
    errors,
    save: () => save.mutate(),
    saving: save.isPending,
    reset: () => {
      setDraft(null);
      setErrors({});
    },
  };
}
