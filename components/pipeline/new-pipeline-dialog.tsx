"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";

const MAX = 120;

/**
 * "New pipeline": its name, checked here as the API checks it (required, at most 120 characters) and against the
 * organisation's other pipelines; the server's answer, if it still refuses, is shown under the field.
 */
export function NewPipelineDialog({
  open,
  onOpenChange,
  existing,
  pending,
  serverError,
  onCreate,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  existing: string[];
  pending: boolean;
  serverError: string | null;
  onCreate: (name: string) => void;
}) {
  const t = useTranslations("pipelineBoard.newPipelineDialog");
  const id = useId();
  const [name, setName] = useState("");
  const [touched, setTouched] = useState(false);
  const trimmed = name.trim();
  const error = !trimmed
    ? t("required")
    : trimmed.length > MAX
      ? t("tooLong", { max: MAX })
      : existing.some((n) => n.trim().toLowerCase() === trimmed.toLowerCase())
        ? t("duplicate")
        : null;
  const shown = touched ? (error ?? serverError) : null;
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (o) {
          setName("");
          setTouched(false);
        }
        onOpenChange(o);
      }}
    >
      <DialogContent closeLabel={t("cancel")} data-testid="new-pipeline-dialog">
        <DialogHeader title={t("title")} description={t("description")} />
        <form
          className="grid gap-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (!error) onCreate(trimmed);
          }}
        >
          <label className="grid gap-1 text-xs text-muted-foreground" htmlFor={`${id}-name`}>
            {t("name")}
          </label>
          <Input
            id={`${id}-name`}
            autoFocus
            value={name}
            placeholder={t("placeholder")}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => trimmed && setTouched(true)}
            maxLength={MAX + 20}
            aria-invalid={shown ? true : undefined}
            aria-describedby={shown ? `${id}-error` : undefined}
            data-testid="new-pipeline-name"
          />
          {shown && (
            <p id={`${id}-error`} role="alert" className="text-xs text-destructive" data-testid="new-pipeline-error">
              {shown}
            </p>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" loading={pending} disabled={touched && !!error} data-testid="new-pipeline-submit">
              {t("create")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
