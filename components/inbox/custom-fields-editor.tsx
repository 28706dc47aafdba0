"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ContactView } from "@/lib/inbox/contact-panel";
import type { ContactPatch } from "./inbox-api";

type Field = ContactView["customFields"][number];
const inputClass =
  "h-8 w-full min-w-0 rounded-md border border-input bg-card px-2 text-[13px] outline-none focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/20 disabled:opacity-70 aria-invalid:border-destructive";

function FieldInput({
  field,
  disabled,
  save,
}: {
  field: Field;
  disabled: boolean;
  save: (patch: ContactPatch) => Promise<unknown>;
}) {
  const t = useTranslations("contactPanel");
  const [draft, setDraft] = useState<string>();
  const [invalid, setInvalid] = useState(false);
  const commit = async (value: string) => {
    setDraft(undefined);
    if (value === (field.value ?? "")) return;
    try {
      await save({ customFields: { [field.id]: value === "" ? null : value } });
      setInvalid(false);
    } catch {
      setInvalid(true);
    }
  };
  const id = `cf-${field.id}`;
  if (field.type === "select") {
    return (
      <select
        id={id}
        className={inputClass}
        disabled={disabled}
        value={field.value ?? ""}
        onChange={(e) => void commit(e.target.value)}
      >
        <option value="">{t("notSet")}</option>
        {field.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      id={id}
      type={field.type === "date" ? "date" : "text"}
      inputMode={field.type === "number" ? "decimal" : undefined}
      className={inputClass}
      disabled={disabled}
      aria-invalid={invalid}
      value={draft ?? field.value ?? ""}
      onChange={(e) => {
        setDraft(e.target.value);
        setInvalid(false);
      }}
      onBlur={(e) => void commit(e.target.value.trim())}
      onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()}
      maxLength={2000}
    />
  );
}

/** The organisation's own fields (Settings → Contact fields), filled per contact. */
export function CustomFieldsEditor({
  contact,
  disabled,
  save,
}: {
  contact: ContactView;
  disabled: boolean;
  save: (patch: ContactPatch) => Promise<unknown>;
}) {
  return (
    <dl className="grid gap-2" data-testid="custom-fields">
      {contact.customFields.map((field) => (
        <div key={field.id} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] items-center gap-2">
          <dt>
            <label
              htmlFor={`cf-${field.id}`}
              className="block truncate text-xs text-muted-foreground"
              title={field.label}
            >
              {field.label}
            </label>
          </dt>
          <dd>
            <FieldInput field={field} disabled={disabled} save={save} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
