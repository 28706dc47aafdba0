"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { labelColors } from "@/lib/inbox/labels";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { createLabel, labelDot, updateLabel, workdayKeys, type LabelView } from "./workday-api";

/**
 * A new conversation label, or one being renamed/recoloured (managers): a name and one of a few colours that
 * read in both themes. Mount it with a key per edited label so the form starts from that one.
 */
export function LabelDialog({
  open,
  onOpenChange,
  editing,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  editing?: LabelView;
  onCreated?: (label: LabelView) => void;
}) {
  const t = useTranslations("inbox.workday");
  const tCommon = useTranslations("common");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [name, setName] = useState(editing?.name ?? "");
  const [color, setColor] = useState<LabelView["color"]>(editing?.color ?? "blue");
  const create = useMutation({
    mutationFn: (input: { name: string; color: LabelView["color"] }) =>
      editing ? updateLabel(editing.id, input) : createLabel(input),
    onSuccess: (label) => {
      void queryClient.invalidateQueries({ queryKey: workdayKeys.labels });
      // Rows and the open thread show label names and colours.
      if (editing) void queryClient.invalidateQueries({ queryKey: ["conversations"] });
      onCreated?.(label);
      setName("");
      onOpenChange(false);
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim(), color });
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tCommon("close")}>
        <DialogHeader title={editing ? t("labelEditTitle") : t("labelNewTitle")} />
        <form className="grid gap-4" onSubmit={submit}>
          <Field label={t("labelName")} htmlFor="label-name">
            <Input id="label-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} autoFocus />
          </Field>
          <div role="radiogroup" aria-label={t("labelColor")} className="flex flex-wrap gap-2">
            {labelColors.map((c) => (
              <button
                key={c}
                type="button"
                role="radio"
                aria-checked={color === c}
                aria-label={t(`colors.${c}`)}
                title={t(`colors.${c}`)}
                onClick={() => setColor(c)}
                className={cn(
                  "size-7 cursor-pointer rounded-full ring-offset-2 ring-offset-background",
                  labelDot[c],
                  color === c && "ring-2 ring-ring",
                )}
              />
            ))}
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {tCommon("cancel")}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              {editing ? t("labelSave") : t("labelCreate")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
