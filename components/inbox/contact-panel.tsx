"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Ban, Building2, Phone, X } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { toast } from "sonner";
import { CallsPanel } from "@/components/telephony/calls-panel";
import { PhoneLink } from "@/components/telephony/phone-link";
import { ContactLead } from "@/components/ai/contact-lead";
import { TasksPanel } from "@/components/tasks/tasks-panel";
import { NetworkIcon } from "@/components/channels/channel-icon";
import { ContactDeals } from "@/components/pipeline/contact-deals";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { DetailList, FoundDetails, formatPhone, InlineText } from "./contact-details-editor";
import { EditableName, NotesEditor, TagsEditor } from "./contact-editors";
import { CustomFieldsEditor } from "./custom-fields-editor";
import { MergeSuggestion } from "./merge-suggestion";
import { inboxKeys, patchContact, type ContactPatch, type ConversationDetail } from "./inbox-api";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="grid gap-2 border-t px-4 py-4">
      <h3 className="text-[11px] font-semibold tracking-wide text-muted-foreground uppercase">{title}</h3>
      {children}
    </section>
  );
}

/** Who the client is: name, numbers, how they reach us, tags and notes; lead score and deal to come. */
export function ContactPanel({
  conversation,
  canWrite,
  onClose,
}: {
  conversation: ConversationDetail | undefined;
  canWrite: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("inbox.contact");
  const tPanel = useTranslations("contactPanel");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (patch: ContactPatch) => patchContact(conversation!.contact.id, patch),
    onSuccess: (contact) => {
      queryClient.setQueryData<ConversationDetail>(inboxKeys.detail(conversation!.id), (d) => d && { ...d, contact });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists });
    },
    onError: (error) => toast.error(errorMessage(error)),
  });

  if (!conversation) {
    return (
      <div className="grid gap-3 p-4" aria-hidden>
        <Skeleton className="mx-auto size-16 rounded-full" />
        <Skeleton className="mx-auto h-4 w-32" />
        <Skeleton className="h-24" />
      </div>
    );
  }
  const { contact } = conversation;
  const username = contact.username ?? contact.identities.find((i) => i.username)?.username;
  // Numbers a channel knows (a WhatsApp identity) but nobody stored on the contact: shown, not editable here.
  const otherPhones = contact.phones.filter((p) => !contact.ownPhones.includes(p));
  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto" data-testid="contact-panel">
      <div className="relative flex flex-col items-center gap-2 px-4 pt-6 pb-4 text-center">
        <Button
          variant="ghost"
          size="icon-sm"
          className="absolute top-2 right-2 xl:hidden"
          onClick={onClose}
          aria-label={t("close")}
        >
          <X aria-hidden />
        </Button>
        <Avatar name={contact.name} seed={contact.id} className="size-16 text-lg" />
        <EditableName value={contact.name} disabled={!canWrite} onSave={(name) => save.mutate({ name })} />
        {username && <p className="-mt-1.5 text-xs text-muted-foreground">@{username}</p>}
        {contact.optedOutAt && (
          <Badge tone="destructive">
            <Ban className="size-3" aria-hidden />
            {t("optedOut")}
          </Badge>
        )}
      </div>
      <Section title={t("details")}>
        <FoundDetails contact={contact} disabled={!canWrite} save={save.mutateAsync} />
        <DetailList
          kind="phone"
          values={contact.ownPhones}
          disabled={!canWrite}
          save={save.mutateAsync}
          contactId={contact.id}
        />
        {otherPhones.map((phone) => (
          <div key={phone} className="flex items-center gap-2">
            <a href={`tel:${phone}`} className="flex items-center gap-2 text-[13px] hover:text-primary">
              <Phone className="size-3.5 text-muted-foreground" aria-hidden />
              {formatPhone(phone)}
              <span className="text-[10px] text-muted-foreground">{tPanel("fromChannel")}</span>
            </a>
            <PhoneLink phone={phone} contactId={contact.id} compact />
          </div>
        ))}
        <DetailList kind="email" values={contact.emails} disabled={!canWrite} save={save.mutateAsync} />
        {!canWrite && contact.phones.length === 0 && !contact.emails.length && (
          <p className="text-xs text-muted-foreground">{t("noDetails")}</p>
        )}
        <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] items-center gap-2 pt-1">
          <label htmlFor="contact-company" className="flex items-center gap-1.5 text-xs text-muted-foreground">
            <Building2 className="size-3.5" aria-hidden />
            {tPanel("company")}
          </label>
          <InlineText
            value={contact.company ?? ""}
            label={tPanel("company")}
            placeholder={tPanel("companyPlaceholder")}
            disabled={!canWrite}
            onSave={(company) => save.mutate({ company })}
          />
        </div>
        {contact.customFields.length > 0 && (
          <CustomFieldsEditor contact={contact} disabled={!canWrite} save={save.mutateAsync} />
        )}
      </Section>
      <div className="border-t px-4 py-4">
        <CallsPanel contactId={contact.id} />
      </div>
      <Section title={t("channels")}>
        <ul className="grid gap-2">
          {contact.identities.map((identity) => (
            <li key={`${identity.network}:${identity.externalId}`} className="flex items-center gap-2.5 text-[13px]">
              <NetworkIcon network={identity.network} className="size-4" />
              <span className="min-w-0 flex-1 truncate">
                {identity.displayName ?? identity.username ?? identity.externalId}
              </span>
              <span className="truncate text-[11px] text-muted-foreground">
                {identity.username ? `@${identity.username}` : (identity.phone ?? `ID ${identity.externalId}`)}
              </span>
            </li>
          ))}
        </ul>
        {contact.mergeSuggestions.map((s) => (
          <MergeSuggestion key={s.id} contactId={contact.id} suggestion={s} canWrite={canWrite} />
        ))}
      </Section>
      <Section title={t("tags")}>
        <TagsEditor tags={contact.tags} disabled={!canWrite} onChange={(tags) => save.mutate({ tags })} />
      </Section>
      <Section title={t("notes")}>
        <NotesEditor
          value={contact.notes}
          disabled={!canWrite}
          saved={save.isSuccess && save.variables?.notes !== undefined}
          onSave={(notes) => save.mutate({ notes })}
        />
      </Section>
      <Section title={t("sales")}>
        <ContactLead contactId={contact.id} />
        <ContactDeals contactId={contact.id} contactName={contact.name} canWrite={canWrite} />
      </Section>
      <section className="border-t px-4 py-4">
        <TasksPanel contactId={contact.id} />
      </section>
    </div>
  );
}
