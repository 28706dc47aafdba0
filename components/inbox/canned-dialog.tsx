"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Save } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { ApiRequestError } from "@/lib/client/api";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { createCanned, updateCanned, workdayKeys, type CannedInput, type CannedResponseView } from "./workday-api";

/**
 * Saves a reply for "/" (prefilled with what is in the reply box), or edits one (Settings); managers may share
 * it with everyone. Mount it with a key per edited response so the form starts from that one.
 */
export function CannedDialog({
  open,
  onOpenChange,
  initialBody = "",
  editing,
  canShare,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  initialBody?: string;
  editing?: CannedResponseView;
  canShare: boolean;
  onSaved?: (shortcut: string) => void;
}) {
  const t = useTranslations("inbox.workday");
  const tCommon = useTranslations("common");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<CannedInput>(
    editing
      ? { shortcut: editing.shortcut, title: editing.title, body: editing.body, scope: editing.scope }
      : { shortcut: "", title: "", body: initialBody, scope: "personal" },
  );
  const [fieldError, setFieldError] = useState<{ field: string; message: string }>();
  const save = useMutation({
    mutationFn: (input: CannedInput) => (editing ? updateCanned(editing.id, input) : createCanned(input)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: workdayKeys.canned });
      toast.success(t("cannedSaved", { shortcut: saved.shortcut }));
      onSaved?.(saved.shortcut);
      onOpenChange(false);
    },
    onError: (error) => {
      // "body: shortcut: …" names the field; show it under that field.
      const field = error instanceof ApiRequestError ? /^body: (\w+):/.exec(error.message)?.[1] : undefined;
      if (field) setFieldError({ field, message: error.message.replace(/^body: \w+: /, "") });
      else toast.error(errorMessage(error));
    },
  });
  const set = (patch: Partial<CannedInput>) => setForm((f) => ({ ...f, ...patch }));
  const errorOf = (field: string) => (fieldError?.field === field ? fieldError.message : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFieldError(undefined);
    save.mutate({ ...form, shortcut: form.shortcut.replace(/^\//, "") });
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tCommon("close")}>
        <DialogHeader
          title={editing ? t("cannedEditTitle") : t("cannedNewTitle")}
          description={t("cannedNewDescription")}
        />
        <form className="grid gap-4" onSubmit={submit}>
          <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
            <Field label={t("cannedShortcut")} htmlFor="canned-shortcut" error={errorOf("shortcut")}>
              <Input
                id="canned-shortcut"
                value={form.shortcut}
                onChange={(e) => set({ shortcut: e.target.value })}
                placeholder="price"
                autoFocus
              />
            </Field>
            <Field label={t("cannedName")} htmlFor="canned-title" error={errorOf("title")}>
              <Input id="canned-title" value={form.title} onChange={(e) => set({ title: e.target.value })} />
            </Field>
          </div>
          <Field label={t("cannedBody")} htmlFor="canned-body" error={errorOf("body")} hint={t("cannedVariables")}>
            <textarea
              id="canned-body"
              value={form.body}
              onChange={(e) => set({ body: e.target.value })}
              rows={4}
              maxLength={4096}
              className="w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/20"
            />
          </Field>
          {canShare && (
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={form.scope === "organization"}
                onChange={(e) => set({ scope: e.target.checked ? "organization" : "personal" })}
                className="size-4 accent-primary"
              />
              {t("cannedShare")}
            </label>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {tCommon("cancel")}
            </Button>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!form.shortcut.trim() || !form.title.trim() || !form.body.trim()}
            >
              <Save aria-hidden />
              {t("cannedSave")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
