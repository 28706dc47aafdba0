"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Hand } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { toast } from "sonner";
import { cn } from "@/components/ui/cn";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { FUNNEL_STAGES, leadKeys, patchLead, type Lead, type LeadPatch } from "./leads-api";

/** Saves a correction; the detail, the table and the contact panel's lead all refetch. */
export function useLeadPatch(lead: Lead) {
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  return useMutation({
    mutationFn: (patch: LeadPatch) => patchLead(lead.id, patch),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: leadKeys.all }),
    onError: (error) => toast.error(errorMessage(error)),
  });
}

/** "Set by hand": the analysis will not change this field. */
export function ManualMark({ show }: { show: boolean }) {
  const t = useTranslations("leadEdit");
  if (!show) return null;
  return (
    <span
      className="inline-flex items-center gap-0.5 rounded bg-amber-500/15 px-1 text-[10px] font-medium text-amber-700 dark:text-amber-300"
      title={t("manualHint")}
      data-testid="manual-mark"
    >
      <Hand className="size-2.5" aria-hidden />
      {t("manual")}
    </span>
  );
}

const control =
  "h-7 w-full min-w-0 rounded-md border border-transparent bg-transparent px-1 text-[13px] font-medium outline-none hover:border-input focus:border-ring focus:bg-card disabled:hover:border-transparent";

export function EditableFact({ label, manual, children }: { label: string; manual: boolean; children: ReactNode }) {
  return (
    <div className="min-w-0 rounded-lg bg-muted/50 px-2 py-1.5">
      <dt className="flex items-center gap-1.5 px-1 text-[11px] text-muted-foreground">
        {label}
        <ManualMark show={manual} />
      </dt>
      <dd>{children}</dd>
    </div>
  );
}

export function StageSelect({ lead, disabled, label }: { lead: Lead; disabled: boolean; label: string }) {
  const tStage = useTranslations("leads.stages");
  const save = useLeadPatch(lead);
  return (
    <select
      className={control}
      aria-label={label}
      disabled={disabled}
      value={lead.funnelStage ?? ""}
      onChange={(e) => save.mutate({ funnelStage: e.target.value })}
      data-testid="edit-stage"
    >
      {!lead.funnelStage && <option value="">—</option>}
      {FUNNEL_STAGES.map((s) => (
        <option key={s} value={s}>
          {tStage(s)}
        </option>
      ))}
    </select>
  );
}

export function OwnerSelect({ lead, disabled, label }: { lead: Lead; disabled: boolean; label: string }) {
  const t = useTranslations("leadEdit");
  const save = useLeadPatch(lead);
  const value = lead.isOwner === null ? "" : String(lead.isOwner);
  return (
    <select
      className={control}
      aria-label={label}
      disabled={disabled}
      value={value}
      onChange={(e) => save.mutate({ isOwner: e.target.value === "" ? null : e.target.value === "true" })}
      data-testid="edit-owner"
    >
      <option value="">{t("unknown")}</option>
      <option value="true">{t("yes")}</option>
      <option value="false">{t("no")}</option>
    </select>
  );
}

/** Text saved when left; Esc puts back what was there. */
export function TextFact({
  value,
  label,
  disabled,
  multiline,
  onSave,
  testId,
}: {
  value: string | null;
  label: string;
  disabled: boolean;
  multiline?: boolean;
  onSave: (value: string | null) => void;
  testId?: string;
}) {
  const t = useTranslations("leadEdit");
  const [draft, setDraft] = useState<string>();
  const props = {
    value: draft ?? value ?? "",
    disabled,
    "aria-label": label,
    placeholder: disabled ? "—" : t("add"),
    "data-testid": testId,
    onFocus: () => setDraft(value ?? ""),
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: () => {
      const next = draft?.trim();
      setDraft(undefined);
      if (next !== undefined && next !== (value ?? "")) onSave(next || null);
    },
    onKeyDown: (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (e.key === "Enter" && !(multiline && e.shiftKey)) {
        e.preventDefault();
        e.currentTarget.blur();
      }
      if (e.key === "Escape") {
        e.stopPropagation();
        setDraft(value ?? "");
      }
    },
  };
  return multiline ? (
    <textarea
      {...props}
      rows={1}
      maxLength={500}
      className={cn(control, "h-auto min-h-7 resize-none py-1 [field-sizing:content]")}
    />
  ) : (
    <input {...props} maxLength={200} className={control} />
  );
}
