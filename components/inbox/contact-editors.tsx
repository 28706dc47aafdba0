"use client";

import { Check, Pencil, Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { cn } from "@/components/ui/cn";

/** The contact's name as a heading that turns into an input on click; Enter or leaving saves, Esc cancels. */
export function EditableName({
  value,
  disabled,
  onSave,
}: {
  value: string;
  disabled: boolean;
  onSave: (name: string) => void;
}) {
  const t = useTranslations("inbox.contact");
  const [draft, setDraft] = useState<string>();
  if (draft === undefined) {
    return (
      <button
        type="button"
        disabled={disabled}
        onClick={() => setDraft(value)}
        className="group flex max-w-full cursor-pointer items-center gap-1.5 rounded-md px-1 text-left text-base font-semibold hover:bg-muted disabled:cursor-default disabled:hover:bg-transparent"
        title={disabled ? undefined : t("rename")}
      >
        <span className={cn("truncate", !value && "font-normal text-muted-foreground")} data-testid="contact-name">
          {value || t("addName")}
        </span>
        {!disabled && (
          <Pencil className="size-3.5 shrink-0 text-muted-foreground opacity-0 group-hover:opacity-100" aria-hidden />
        )}
      </button>
    );
  }
  const commit = () => {
    const next = draft.trim();
    setDraft(undefined);
    if (next && next !== value) onSave(next);
  };
  return (
    <input
      autoFocus
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") commit();
        if (e.key === "Escape") setDraft(undefined);
      }}
      maxLength={200}
      aria-label={t("name")}
      className="h-8 w-full rounded-md border border-input bg-card px-2 text-base font-semibold outline-none focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/20"
    />
  );
}

/** Tags as chips: × removes one, typing and Enter (or a comma) adds one. */
export function TagsEditor({
  tags,
  disabled,
  onChange,
}: {
  tags: string[];
  disabled: boolean;
  onChange: (tags: string[]) => void;
}) {
  const t = useTranslations("inbox.contact");
  const [draft, setDraft] = useState("");
  const add = (value = draft) => {
    const tag = value.trim().slice(0, 50);
    setDraft("");
    if (tag && !tags.includes(tag)) onChange([...tags, tag]);
  };
  return (
    <div className="flex flex-wrap items-center gap-1.5" data-testid="contact-tags">
      {tags.map((tag) => (
        <span
          key={tag}
          className="inline-flex items-center gap-1 rounded-full bg-accent py-0.5 pr-1 pl-2.5 text-xs font-medium text-accent-foreground"
        >
          {tag}
          {!disabled && (
            <button
              type="button"
              onClick={() => onChange(tags.filter((x) => x !== tag))}
              aria-label={t("removeTag", { tag })}
              className="cursor-pointer rounded-full p-0.5 hover:bg-black/10"
            >
              <X className="size-3" aria-hidden />
            </button>
          )}
        </span>
      ))}
      {!disabled && (
        <span className="inline-flex items-center gap-1 rounded-full border border-dashed px-2 py-0.5 text-xs focus-within:border-ring">
          <Plus className="size-3 text-muted-foreground" aria-hidden />
          <input
            value={draft}
            onChange={(e) => {
              const value = e.target.value;
              if (value.endsWith(",")) add(value.slice(0, -1));
              else setDraft(value);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
            onBlur={() => add()}
            placeholder={t("addTag")}
            aria-label={t("addTag")}
            className="w-20 bg-transparent outline-none placeholder:text-muted-foreground"
          />
        </span>
      )}
      {disabled && !tags.length && <span className="text-xs text-muted-foreground">{t("noTags")}</span>}
    </div>
  );
}

/** Free-form notes, saved when the field is left; a tick says it is stored. */
export function NotesEditor({
  value,
  disabled,
  onSave,
  saved,
}: {
  value: string;
  disabled: boolean;
  onSave: (notes: string) => void;
  saved: boolean;
}) {
  const t = useTranslations("inbox.contact");
  const [draft, setDraft] = useState<string>();
  return (
    <div className="relative">
      <textarea
        value={draft ?? value}
        onChange={(e) => setDraft(e.target.value)}
        onFocus={() => setDraft(value)}
        onBlur={() => {
          if (draft !== undefined && draft !== value) onSave(draft);
          setDraft(undefined);
        }}
        disabled={disabled}
        placeholder={t("notesPlaceholder")}
        aria-label={t("notes")}
        maxLength={20000}
        rows={4}
        className={cn(
          "block w-full resize-y rounded-lg border border-input bg-card px-3 py-2 text-[13px] shadow-xs outline-none placeholder:text-muted-foreground/70 focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/20 disabled:opacity-70",
          "[field-sizing:content] min-h-20 max-h-64",
        )}
      />
      {saved && draft === undefined && (
        <span className="absolute right-2 bottom-2 flex items-center gap-1 text-[11px] text-success">
          <Check className="size-3" aria-hidden />
          {t("saved")}
        </span>
      )}
    </div>
  );
}
