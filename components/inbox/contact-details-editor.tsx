"use client";

import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { PhoneLink } from "@/components/telephony/phone-link";
import { Mail, Phone, Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import type { ContactView } from "@/lib/inbox/contact-panel";
import type { ContactPatch } from "./inbox-api";

type Save = (patch: ContactPatch) => Promise<unknown>;

/** +79035551234 as people read it: +7 903 555 12 34. */
export const formatPhone = (e164: string) => parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A number or address the client wrote in the chat, offered to be added with one click. */
export function FoundDetails({ contact, disabled, save }: { contact: ContactView; disabled: boolean; save: Save }) {
  const t = useTranslations("contactPanel");
  if (!contact.foundDetails.length || disabled) return null;
  return (
    <div className="grid gap-1.5 rounded-lg border border-primary/25 bg-accent/40 p-2.5" data-testid="found-details">
      <p className="text-[11px] text-muted-foreground">{t("foundInChat")}</p>
      <div className="flex flex-wrap gap-1.5">
        {contact.foundDetails.map((d) => (
          <button
            key={`${d.kind}:${d.value}`}
            type="button"
            onClick={() =>
              void save(d.kind === "phone" ? { addPhone: d.value } : { addEmail: d.value }).catch(() => {})
            }
            className="inline-flex cursor-pointer items-center gap-1 rounded-full border bg-card px-2 py-0.5 text-xs font-medium hover:border-primary hover:text-primary"
            data-testid={`found-${d.kind}`}
            aria-label={t(d.kind === "phone" ? "addFoundPhone" : "addFoundEmail", { value: d.value })}
          >
            <Plus className="size-3" aria-hidden />
            {d.kind === "phone" ? formatPhone(d.value) : d.value}
          </button>
        ))}
      </div>
    </div>
  );
}

/** The contact's own numbers or emails: each removable, one more typed in; the server validates (E.164, email). */
export function DetailList({
  kind,
  values,
  disabled,
  save,
  contactId,
}: {
  kind: "phone" | "email";
  values: string[];
  disabled: boolean;
  save: Save;
  /** Phones get a click-to-call button for this contact. */
  contactId?: string;
}) {
  const t = useTranslations("contactPanel");
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string>();
  const Icon = kind === "phone" ? Phone : Mail;
  const write = async (next: string[]) => {
    try {
      await save(kind === "phone" ? { phones: next } : { emails: next });
      setError(undefined);
      return true;
    } catch (err) {
      setError(messageOf(err));
      return false;
    }
  };
  const add = async () => {
    const value = draft.trim();
    if (!value) return;
    if (await write([...values, value])) setDraft("");
  };
  return (
    <div className="grid gap-1" data-testid={`contact-${kind}s`}>
      {values.map((value, i) => (
        <div key={value} className="group flex items-center gap-2 text-[13px]">
          <Icon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
          <a
            href={kind === "phone" ? `tel:${value}` : `mailto:${value}`}
            className="min-w-0 truncate hover:text-primary"
          >
            {kind === "phone" ? formatPhone(value) : value}
          </a>
          {kind === "phone" && <PhoneLink phone={value} contactId={contactId} compact />}
          {i === 0 && values.length > 1 && <span className="text-[10px] text-muted-foreground">{t("main")}</span>}
          {!disabled && (
            <button
              type="button"
              onClick={() => void write(values.filter((v) => v !== value))}
              className="ml-auto cursor-pointer rounded p-0.5 text-muted-foreground opacity-60 hover:bg-muted hover:text-foreground group-hover:opacity-100"
              aria-label={t(kind === "phone" ? "removePhone" : "removeEmail", { value })}
            >
              <X className="size-3.5" aria-hidden />
            </button>
          )}
        </div>
      ))}
      {!disabled && (
        <div className="flex items-center gap-2">
          <Plus className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
          <input
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              setError(undefined);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void add();
              }
            }}
            onBlur={() => void add()}
            type={kind === "phone" ? "tel" : "email"}
            inputMode={kind === "phone" ? "tel" : "email"}
            placeholder={t(kind === "phone" ? "addPhone" : "addEmail")}
            aria-label={t(kind === "phone" ? "addPhone" : "addEmail")}
            aria-invalid={Boolean(error)}
            className={cn(
              "h-7 min-w-0 flex-1 rounded-md border border-transparent bg-transparent px-1.5 text-[13px] outline-none placeholder:text-muted-foreground/70 hover:border-input focus:border-ring",
              error && "border-destructive",
            )}
          />
        </div>
      )}
      {error && (
        <p className="pl-5.5 text-[11px] text-destructive" role="alert">
          {kind === "phone" ? t("invalidPhone") : t("invalidEmail")}
        </p>
      )}
    </div>
  );
}

/** A one-line text saved when the field is left (company). */
export function InlineText({
  value,
  label,
  placeholder,
  disabled,
  onSave,
}: {
  value: string;
  label: string;
  placeholder: string;
  disabled: boolean;
  onSave: (value: string) => void;
}) {
  const [draft, setDraft] = useState<string>();
  return (
    <input
      value={draft ?? value}
      disabled={disabled}
      onFocus={() => setDraft(value)}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => {
        if (draft !== undefined && draft.trim() !== value) onSave(draft.trim());
        setDraft(undefined);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") e.currentTarget.blur();
        if (e.key === "Escape") {
          setDraft(value);
          e.currentTarget.blur();
        }
      }}
      maxLength={200}
      aria-label={label}
      placeholder={placeholder}
      className="h-8 w-full rounded-md border border-input bg-card px-2 text-[13px] outline-none placeholder:text-muted-foreground/70 focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/20 disabled:opacity-70"
    />
  );
}
