"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Globe, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { NotesPanel } from "@/components/crm/notes-panel";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { api } from "@/lib/client/api";
import { roleAtLeast } from "@/lib/client/types";
import { Section } from "./contact-page";
import { contactKeys, type CompanyDetail } from "./contacts-api";
import { CompanyForm } from "./company-form";
import { DealLinks } from "./deal-links";
import { RecordHeader, RecordPage } from "./record-page";

/** A company's page: its details, contacts, deals and notes; edit, delete (managers). */
export function CompanyPage({ id }: { id: string }) {
  const t = useTranslations("companiesPage.detail");
  const me = useMe();
  const router = useRouter();
  const client = useQueryClient();
  const canWrite = roleAtLeast(me.role, "agent");
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const company = useQuery({
    queryKey: contactKeys.company(id),
    queryFn: ({ signal }) => api<CompanyDetail>(`/api/crm/companies/${id}`, { signal }),
  });
  const onError = (error: Error) => toast.error(error.message);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api(`/api/crm/companies/${id}`, { method: "PATCH", body }),
    onSuccess: () => {
      setEditing(false);
      void client.invalidateQueries({ queryKey: ["companies"] });
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/crm/companies/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["companies"] });
      router.push("/contacts?tab=companies");
    },
    onError,
  });
  return (
    <RecordPage query={company} back={{ href: "/contacts?tab=companies", label: t("back") }}>
      {(c) => (
        <>
          <RecordHeader
            name={c.name}
            title={c.name}
            testId="company-name"
            square
            phone={c.phone}
            email={c.email}
            extra={
              c.website && (
                <span className="inline-flex items-center gap-1">
                  <Globe className="size-3.5" aria-hidden />
                  {c.website}
                </span>
              )
            }
            actions={
              canWrite && (
                <div className="flex gap-2">
                  <Button variant="outline" size="sm" onClick={() => setEditing(true)}>
                    <Pencil aria-hidden />
                    {t("edit")}
                  </Button>
                  {roleAtLeast(me.role, "manager") && (
                    <Button variant="ghost" size="sm" className="text-destructive" onClick={() => setDeleting(true)}>
                      <Trash2 aria-hidden />
                      {t("delete")}
                    </Button>
                  )}
                </div>
              )
            }
          />
          <div className="grid gap-5 lg:grid-cols-[1fr_22rem] [&>*]:min-w-0">
            <div className="grid content-start gap-5">
              <Section title={t("contacts", { n: c.contacts.length })}>
                {c.contacts.length === 0 ? (
                  <p className="text-sm text-muted-foreground">{t("noContacts")}</p>
                ) : (
                  <ul className="divide-y">
                    {c.contacts.map((p) => (
                      <li key={p.id}>
                        <Link
                          href={`/contacts/${p.id}`}
                          className="flex justify-between gap-3 py-2 text-sm hover:bg-muted/40"
                        >
                          <span className="truncate font-medium">{p.name || "—"}</span>
                          <span className="text-muted-foreground tabular-nums">{p.phone ?? ""}</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </Section>
              <Section title={t("deals")}>
                <DealLinks deals={c.deals} empty={t("noDeals")} />
              </Section>
            </div>
            <Section title={t("notes")}>
              <NotesPanel companyId={id} />
            </Section>
          </div>
          {editing && (
            <CompanyForm
              open={editing}
              onOpenChange={setEditing}
              company={c}
              pending={save.isPending}
              onSubmit={(body) => save.mutate(body)}
            />
          )}
          <ConfirmDialog
            open={deleting}
            onOpenChange={setDeleting}
            title={t("deleteTitle", { name: c.name })}
            description={t("deleteBody")}
            confirmLabel={t("delete")}
            cancelLabel={t("cancel")}
            onConfirm={() => remove.mutate()}
            pending={remove.isPending}
          />
        </>
      )}
    </RecordPage>
  );
}
