"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { FormAlert } from "@/components/auth/form-alert";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { Card, SettingsSection } from "@/components/settings/section";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { api } from "@/lib/client/api";
import { roleAtLeast } from "@/lib/client/types";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { ContactField, ContactFieldType } from "@/lib/inbox/contact-fields";

const TYPES: ContactFieldType[] = ["text", "number", "date", "select"];
// Contact details are part of a conversation's detail, so those refetch too.
const key = ["contact_fields"] as const;

/** Settings → Contacts: the organisation's own contact fields (admins define, everyone sees). */
export function ContactFieldsSettings() {
  const t = useTranslations("contactFields");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const canManage = roleAtLeast(useMe().role, "admin");
  const fields = useQuery({ queryKey: key, queryFn: () => api<ContactField[]>("/api/contacts/fields") });
  const [label, setLabel] = useState("");
  const [type, setType] = useState<ContactFieldType>("text");
  const [options, setOptions] = useState("");
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: ["conversations", "detail"] });
  };
  const create = useMutation({
    mutationFn: () =>
      api<ContactField>("/api/contacts/fields", {
        method: "POST",
        body: {
          label: label.trim(),
          type,
          options:
            type === "select"
              ? options
                  .split(",")
                  .map((o) => o.trim())
                  .filter(Boolean)
              : [],
        },
      }),
    onSuccess: () => {
      setLabel("");
      setOptions("");
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/contacts/fields/${id}`, { method: "DELETE" }),
    onSuccess: refresh,
    onError: (error) => toast.error(errorMessage(error)),
  });
  return (
    <SettingsSection id="contact-fields" title={t("title")} description={t("description")}>
      <Card>
        {fields.isPending ? (
          <RowsSkeleton />
        ) : fields.isError ? (
          <LoadError error={fields.error} onRetry={() => void fields.refetch()} />
        ) : fields.data.length === 0 ? (
          <p className="px-4 py-6 text-center text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <ul className="divide-y" data-testid="contact-field-list">
            {fields.data.map((f) => (
              <li key={f.id} className="flex items-center gap-3 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium">{f.label}</p>
                  <p className="truncate text-xs text-muted-foreground">
                    {t(`types.${f.type}`)}
                    {f.type === "select" && `: ${f.options.join(", ")}`}
                  </p>
                </div>
                {canManage && (
                  <Button
                    variant="ghost"
                    size="icon-sm"
                    aria-label={t("remove", { label: f.label })}
                    onClick={() => remove.mutate(f.id)}
                  >
                    <Trash2 aria-hidden />
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {canManage && (
        <Card className="p-4">
          <form
            className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto] sm:items-end"
            onSubmit={(e) => {
              e.preventDefault();
              if (label.trim()) create.mutate();
            }}
          >
            <label className="grid gap-1.5 text-[13px] font-medium">
              {t("label")}
              <Input
                value={label}
                onChange={(e) => setLabel(e.target.value)}
                maxLength={80}
                placeholder={t("labelPlaceholder")}
              />
            </label>
            <label className="grid gap-1.5 text-[13px] font-medium">
              {t("type")}
              <select
                value={type}
                onChange={(e) => setType(e.target.value as ContactFieldType)}
                className="h-9 rounded-md border border-input bg-card px-2 text-sm font-normal"
              >
                {TYPES.map((ty) => (
                  <option key={ty} value={ty}>
                    {t(`types.${ty}`)}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit" loading={create.isPending} disabled={!label.trim()}>
              <Plus aria-hidden />
              {t("add")}
            </Button>
            {type === "select" && (
              <label className="grid gap-1.5 text-[13px] font-medium sm:col-span-3">
                {t("options")}
                <Input
                  value={options}
                  onChange={(e) => setOptions(e.target.value)}
                  placeholder={t("optionsPlaceholder")}
                />
              </label>
            )}
            <div className="sm:col-span-3">
              <FormAlert message={create.error ? errorMessage(create.error) : undefined} />
            </div>
          </form>
        </Card>
      )}
    </SettingsSection>
  );
}
