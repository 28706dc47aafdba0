"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { FormAlert } from "@/components/auth/form-alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { createLead, FUNNEL_STAGES, leadKeys, type NewLead } from "./leads-api";

const EMPTY: NewLead = { name: "", phone: "", need: "", budget: "", funnelStage: "new_lead" };

/** A lead typed in by hand (a call, a walk-in): POST /api/dialogs/leads, then its drawer opens. */
export function NewLeadDialog({ onCreated }: { onCreated: (id: string) => void }) {
  const t = useTranslations("leadEdit");
  const tStage = useTranslations("leads.stages");
  const tCommon = useTranslations("common");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<NewLead>(EMPTY);
  const create = useMutation({
    mutationFn: () =>
      createLead({
        name: form.name.trim(),
        funnelStage: form.funnelStage,
        ...(form.phone?.trim() && { phone: form.phone.trim() }),
        ...(form.need?.trim() && { need: form.need.trim() }),
        ...(form.budget?.trim() && { budget: form.budget.trim() }),
      }),
    onSuccess: (lead) => {
      void queryClient.invalidateQueries({ queryKey: leadKeys.all });
      toast.success(t("created", { name: lead.name ?? lead.contactName }));
      setOpen(false);
      setForm(EMPTY);
      onCreated(lead.id);
    },
  });
  const set = (key: keyof NewLead) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" data-testid="new-lead">
          <UserPlus aria-hidden />
          {t("newLead")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={tCommon("close")}>
        <DialogHeader title={t("newTitle")} description={t("newDescription")} />
        <form
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (form.name.trim()) create.mutate();
          }}
        >
          <Field label={t("name")} htmlFor="new-lead-name">
            <Input id="new-lead-name" value={form.name} onChange={set("name")} autoFocus maxLength={200} required />
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t("phone")} htmlFor="new-lead-phone">
              <Input id="new-lead-phone" type="tel" value={form.phone} onChange={set("phone")} maxLength={50} />
            </Field>
            <Field label={t("budget")} htmlFor="new-lead-budget">
              <Input id="new-lead-budget" value={form.budget} onChange={set("budget")} maxLength={200} />
            </Field>
          </div>
          <Field label={t("need")} htmlFor="new-lead-need">
            <Input id="new-lead-need" value={form.need} onChange={set("need")} maxLength={2000} />
          </Field>
          <Field label={t("stage")} htmlFor="new-lead-stage">
            <select
              id="new-lead-stage"
              value={form.funnelStage}
              onChange={set("funnelStage")}
              className="h-9 rounded-md border border-input bg-card px-2 text-sm"
            >
              {FUNNEL_STAGES.map((s) => (
                <option key={s} value={s}>
                  {tStage(s)}
                </option>
              ))}
            </select>
          </Field>
          <FormAlert message={create.error ? errorMessage(create.error) : undefined} />
          <DialogFooter>
            <Button type="submit" loading={create.isPending} disabled={!form.name.trim()}>
              {t("create")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
