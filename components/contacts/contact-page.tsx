"use client";

import { TasksPanel } from "@/components/tasks/tasks-panel";
import { CallsPanel } from "@/components/telephony/calls-panel";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Building2, GitMerge, MessageSquare, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { toast } from "sonner";
import { ContactLead } from "@/components/ai/contact-lead";
import { ChannelIcon, NetworkIcon } from "@/components/channels/channel-icon";
import { NotesPanel } from "@/components/crm/notes-panel";
import { useTimes } from "@/components/inbox/use-times";
import { Card } from "@/components/settings/section";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { MemberOptions } from "@/components/shell/member-options";
import { api } from "@/lib/client/api";
import type { ChannelType } from "@/lib/channels/types";
import { roleAtLeast } from "@/lib/client/types";
import { contactKeys, type Client } from "./contacts-api";
import { selectClass } from "./contacts-filters";
import { Timeline } from "./timeline";
import { DealLinks } from "./deal-links";
import { RecordHeader, RecordPage } from "./record-page";

type Conversation = {
  id: string;
  channelType: string;
  channelName: string;
  status: string;
  lastMessageAt: string;
  preview: string;
};

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card className="grid gap-3 p-4">
      <h2 className="text-sm font-semibold" data-testid={testId}>
        {title}
      </h2>
      {children}
    </Card>
  );
}

/** A contact's page: who they are, their channels, conversations, deals, lead analysis, notes and timeline. */
export function ContactPage({ id }: { id: string }) {
  const t = useTranslations("contactsPage.detail");
  const me = useMe();
  const router = useRouter();
  const times = useTimes();
  const client = useQueryClient();
  const canWrite = roleAtLeast(me.role, "agent");
  const [deleting, setDeleting] = useState(false);
  const contact = useQuery({
    queryKey: contactKeys.detail(id),
    queryFn: ({ signal }) => api<Client & { conversations: Conversation[] }>(`/api/crm/clients/${id}`, { signal }),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ["contacts"] });
  const onError = (error: Error) => toast.error(error.message);
  const assign = useMutation({
    mutationFn: (ownerId: string | null) => api(`/api/crm/clients/${id}`, { method: "PATCH", body: { ownerId } }),
    onSuccess: () => void refresh(),
    onError,
  });
  const merge = useMutation({
    mutationFn: (otherContactId: string) =>
      api(`/api/contacts/${id}/merge`, { method: "POST", body: { otherContactId } }),
    onSuccess: () => {
      toast.success(t("merged"));
      void refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/crm/clients/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      void refresh();
      router.push("/contacts");
    },
    onError,
  });

  return (
    <RecordPage query={contact} back={{ href: "/contacts", label: t("back") }}>
      {(c) => (
        <>
          <RecordHeader
            name={c.name}
            title={c.name || t("noName")}
            testId="contact-name"
            phone={c.phone}
            email={c.email}
            contactId={id}
            extra={
              c.companyId && (
                <Link
                  href={`/contacts/companies/${c.companyId}`}
                  className="inline-flex items-center gap-1 hover:underline"
                >
                  <Building2 className="size-3.5" aria-hidden />
                  {c.companyName}
                </Link>
              )
            }
            below={
              c.tags.length > 0 && (
                <div className="mt-2 flex flex-wrap gap-1">
                  {c.tags.map((tag) => (
                    <span key={tag} className="rounded bg-muted px-1.5 py-0.5 text-xs text-muted-foreground">
                      {tag}
                    </span>
                  ))}
                </div>
              )
            }
            actions={
              <div className="flex flex-wrap items-center gap-2">
                <label className="flex items-center gap-2 text-sm">
                  <span className="text-muted-foreground">{t("owner")}</span>
                  <select
                    className={selectClass}
                    value={c.ownerId ?? ""}
                    disabled={!canWrite || assign.isPending}
                    onChange={(e) => assign.mutate(e.target.value || null)}
                    data-testid="contact-owner"
                  >
                    <option value="">{t("shared")}</option>
                    <MemberOptions />
                  </select>
                </label>
                {roleAtLeast(me.role, "manager") && (
                  <Button variant="ghost" size="sm" className="text-destructive" onClick={() => setDeleting(true)}>
                    <Trash2 aria-hidden />
                    {t("delete")}
                  </Button>
                )}
              </div>
            }
          />

          {c.mergeSuggestions.length > 0 && (
            <Card className="grid gap-2 border-amber-300 bg-amber-50/60 p-4 dark:border-amber-900 dark:bg-amber-950/20">
              <p className="text-sm font-medium">{t("duplicates")}</p>
              {c.mergeSuggestions.map((s) => (
                <div key={s.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                  <Link href={`/contacts/${s.otherContactId}`} className="hover:underline">
                    {s.otherName || "—"}{" "}
                    <span className="text-xs text-muted-foreground">({t(`reason.${s.reason}`)})</span>
                  </Link>
                  {canWrite && (
                    <Button
                      size="sm"
                      onClick={() => merge.mutate(s.otherContactId)}
                      loading={merge.isPending}
                      data-testid="merge-here"
                    >
                      <GitMerge aria-hidden />
                      {t("mergeHere")}
                    </Button>
                  )}
                </div>
              ))}
            </Card>
          )}

          <div className="grid gap-5 lg:grid-cols-[1fr_22rem] [&>*]:min-w-0">
            <div className="grid content-start gap-5 [&>*]:min-w-0">
              <Section title={t("conversations")}>
                {c.conversations.length === 0 ? (
                  <p className="text-sm text-muted-foreground">{t("noConversations")}</p>
                ) : (
                  <ul className="divide-y">
                    {c.conversations.map((v) => (
                      <li key={v.id}>
                        <Link
                          href={`/inbox?c=${v.id}`}
                          className="flex items-center gap-3 py-2 text-sm hover:bg-muted/40"
                        >
                          <ChannelIcon type={v.channelType as ChannelType} className="size-4" />
                          <span className="min-w-0 flex-1">
                            <span className="block truncate font-medium">{v.channelName}</span>
                            <span className="block truncate text-xs text-muted-foreground">{v.preview || "—"}</span>
                          </span>
                          <span className="shrink-0 text-xs text-muted-foreground">{times.short(v.lastMessageAt)}</span>
                          <MessageSquare className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </Section>
              <Section title={t("deals")}>
                <DealLinks deals={c.deals} empty={t("noDeals")} />
              </Section>
              {/* The panels carry their own headings (they sit bare in the drawer and the inbox's side panel). */}
              <Card className="p-4">
                <TasksPanel contactId={id} prominent />
              </Card>
              <Card className="p-4">
                <CallsPanel contactId={id} prominent />
              </Card>
              <Section title={t("timeline")}>
                <Timeline contactId={id} />
              </Section>
            </div>
            <div className="grid content-start gap-5 [&>*]:min-w-0">
              <Section title={t("channels")}>
                {c.identities.length === 0 ? (
                  <p className="text-sm text-muted-foreground">{t("noChannels")}</p>
                ) : (
                  <ul className="grid gap-2 text-sm">
                    {c.identities.map((i) => (
                      <li key={`${i.network}:${i.externalId}`} className="flex items-center gap-2">
                        <NetworkIcon network={i.network} className="size-4" />
                        <span className="truncate">
                          {i.username ? `@${i.username}` : (i.displayName ?? i.externalId)}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </Section>
              <Section title={t("lead")}>
                <ContactLead contactId={id} />
              </Section>
              <Section title={t("notes")} testId="notes-title">
                <NotesPanel contactId={id} />
              </Section>
            </div>
          </div>
          <ConfirmDialog
            open={deleting}
            onOpenChange={setDeleting}
            title={t("deleteTitle", { name: c.name || t("noName") })}
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
