"use client";

import { ChevronRight } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent, type ReactNode } from "react";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { AUTO, type ChannelKind, type FieldDef } from "./channel-kinds";
import type { ChannelInput, ChannelView } from "./use-channels";

export type ChannelFormResult = {
  body: ChannelInput;
  /** Values the form generated (webhook secret, verify token): the admin sees them once, after saving. */
  revealed: Record<string, string>;
};

function initialValues(kind: ChannelKind, channel?: ChannelView): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of kind.fields) {
    if (field.kind === "config") {
      const current = channel?.config[field.key];
      values[field.key] = typeof current === "string" ? current : field.options ? AUTO : "";
    } else {
      // Secrets are write-only: an edit starts empty ("unchanged"); a new channel gets generated ones filled in.
      values[field.key] = !channel && field.generate ? field.generate() : "";
    }
  }
  return values;
}

/** The API body: empty config left out, secrets only when some were typed (they are replaced together). */
function toResult(kind: ChannelKind, name: string, values: Record<string, string>, editing: boolean) {
  const config: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  const revealed: Record<string, string> = {};
  for (const field of kind.fields) {
    const value = values[field.key]?.trim() ?? "";
    if (field.kind === "config" && value && value !== AUTO) config[field.key] = value;
    if (field.kind === "secret" && value) secrets[field.key] = value;
  }
  const changingSecrets = Object.keys(secrets).length > 0;
  if (changingSecrets) {
    for (const field of kind.fields) {
      if (field.kind !== "secret" || !field.generate) continue;
      // A replaced set of secrets without this one would get a value nobody has seen: make it here instead.
      secrets[field.key] ??= field.generate();
      revealed[field.key] = secrets[field.key] as string;
    }
  }
  const body: ChannelInput = editing
    ? { name, config, ...(changingSecrets ? { secrets } : {}) }
    : { type: kind.type, name, config, secrets };
  return { body, revealed };
}

/** The connect / edit form for one provider; `errors` come from the API's 400s (field → message). */
export function ChannelForm({
  kind,
  channel,
  errors,
  footer,
  onSubmit,
}: {
  kind: ChannelKind;
  channel?: ChannelView;
  errors: Record<string, string>;
  footer: ReactNode;
  onSubmit: (result: ChannelFormResult) => void;
}) {
  const t = useTranslations("channels");
  const [name, setName] = useState(channel?.name ?? t(`types.${kind.type}.defaultName`));
  const [values, setValues] = useState(() => initialValues(kind, channel));
  const editing = Boolean(channel);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(toResult(kind, name.trim(), values, editing));
  };

  const renderField = (field: FieldDef) => {
    const id = `channel-${field.key}`;
    const label =
      t(`fields.${kind.type}.${field.key}.label`) + (field.required || field.options ? "" : ` (${t("optional")})`);
    const set = (value: string) => setValues((v) => ({ ...v, [field.key]: value }));
    const error = errors[field.key];
    if (field.options) {
      return (
        <Field
          key={field.key}
          label={label}
          htmlFor={id}
          hint={t(`fields.${kind.type}.${field.key}.hint`)}
          error={error}
        >
          <Select value={values[field.key]} onValueChange={set}>
            <SelectTrigger id={id}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {field.options.map((option) => (
                <SelectItem key={option} value={option}>
                  {t(`fields.${kind.type}.${field.key}.options.${option}`)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </Field>
      );
    }
    const secret = field.kind === "secret";
    const hidden = secret && !field.generate;
    return (
      <Field key={field.key} label={label} htmlFor={id} hint={t(`fields.${kind.type}.${field.key}.hint`)} error={error}>
        <Input
          id={id}
          value={values[field.key]}
          onChange={(e) => set(e.target.value)}
          type={hidden ? "password" : "text"}
          placeholder={secret && editing ? t("unchanged") : field.placeholder}
          required={field.required && !(secret && editing)}
          autoComplete={hidden ? "new-password" : "off"}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          className={secret || field.placeholder ? "font-mono text-[13px]" : undefined}
        />
      </Field>
    );
  };

  const basic = kind.fields.filter((f) => !f.advanced);
  const advanced = kind.fields.filter((f) => f.advanced);
  return (
    <form className="grid gap-4" onSubmit={submit} noValidate={false}>
      <Field label={t("name")} htmlFor="channel-name" hint={t("nameHint")} error={errors.name}>
        <Input id="channel-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required />
      </Field>
      {basic.map(renderField)}
      {editing && <p className="-mt-1 text-xs text-muted-foreground">{t("secretsTogether")}</p>}
      {advanced.length > 0 && (
        <details className="group rounded-lg border bg-muted/30 px-3 py-2 open:pb-4">
          <summary className="flex cursor-pointer list-none items-center gap-1.5 text-[13px] font-medium text-muted-foreground select-none hover:text-foreground">
            <ChevronRight className="size-4 transition-transform group-open:rotate-90" aria-hidden />
            {t("advanced")}
          </summary>
          <div className="mt-3 grid gap-4">{advanced.map(renderField)}</div>
        </details>
      )}
      {footer}
    </form>
  );
}

/** "config: accountSid: must be …" → { accountSid: "must be …" }, for the field it names. */
export function fieldErrorOf(message: string): { field: string; message: string } | undefined {
  const match = /^(?:config|secrets|body): ([\w]+)(?:\.[\w.]+)?: (.+)$/s.exec(message);
  return match ? { field: match[1], message: match[2] } : undefined;
}
