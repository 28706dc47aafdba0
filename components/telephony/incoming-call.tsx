"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Building2, MessageSquare, PhoneIncoming, PhoneOutgoing, UserPlus, X } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useMe } from "@/components/shell/use-me";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { api } from "@/lib/client/api";
import { useRealtime, type RealtimeEvent } from "@/lib/realtime/use-realtime";
import { callKeys, type CallerCard } from "./telephony-api";

/**
 * The incoming-call pop-up, mounted once in the app shell: on every change to my calls (or to calls ringing for
 * everyone) it asks which calls ring (or are in progress) for me, and shows the caller's card; answered, it says
 * so; hung up, it goes.
 */
export function IncomingCalls() {
  const me = useMe();
  const queryClient = useQueryClient();
  const [dismissed, setDismissed] = useState<string[]>([]);
  // Calls the realtime change said have ended: their cards go at once, even if an answer fetched before the
  // hang-up still lists them (the last 100 are enough for that race).
  const [ended, setEnded] = useState<string[]>([]);
  const live = useQuery({
    queryKey: callKeys.live,
    queryFn: ({ signal }) => api<{ calls: CallerCard[] }>("/api/calls/live", { signal }),
    refetchInterval: 60_000,
  });
  // A busy line announces many call changes a second. Invalidating on each would cancel the request in flight
  // and start another, so under load the card might never arrive: one request at a time, then one more if
  // anything changed meanwhile.
  const fetching = useRef({ running: false, again: false });
  const refresh = () => {
    const f = fetching.current;
    if (f.running) return void (f.again = true);
    f.running = true;
    void (async () => {
      do {
        f.again = false;
        // Only a fetch this loop did not start can be in flight here (the first load, the minute's poll): it may
        // predate the change, so it is replaced.
        await queryClient.refetchQueries({ queryKey: callKeys.live }).catch(() => {});
      } while (f.again);
      f.running = false;
    })();
  };
  const shown = live.data?.calls ?? [];
  // Another manager's call is none of this pop-up's business, unless it is on the screen (a ring group's call
  // that someone else answered) or was this manager's before the change.
  const mine = (e: RealtimeEvent) =>
    !e.member_id ||
    e.member_id === me.user?.id ||
    e.old_member_id === me.user?.id ||
    shown.some((c) => c.callId === e.id);
  useRealtime(
    me.organization.id,
    ["calls"],
    (e) => {
      if (!mine(e)) return;
      // A hang-up needs no new list: the card goes (half the requests a busy line made).
      if (e.ended && e.id) setEnded((d) => [...d.slice(-99), e.id!]);
      else refresh();
    },
    refresh,
  );
  const cards = shown.filter((c) => !dismissed.includes(c.callId) && !ended.includes(c.callId)).slice(0, 2);
  if (cards.length === 0) return null;
  return (
    <div
      className="fixed inset-x-3 bottom-3 z-50 grid gap-2 sm:inset-x-auto sm:right-5 sm:bottom-5 sm:w-96"
      aria-live="polite"
    >
      {cards.map((c) => (
        <Card key={c.callId} card={c} onDismiss={() => setDismissed((d) => [...d, c.callId])} />
      ))}
    </div>
  );
}

function Card({ card, onDismiss }: { card: CallerCard; onDismiss: () => void }) {
  const t = useTranslations("telephony.popup");
  const Icon = card.direction === "outbound" ? PhoneOutgoing : PhoneIncoming;
  return (
    <div
      role="dialog"
      aria-label={t("label")}
      data-testid="incoming-call"
      data-status={card.status}
      className="rounded-xl border bg-card p-4 shadow-lg"
    >
      <div className="flex items-start gap-3">
        <span
          className={
            card.status === "ringing"
              ? "flex size-9 shrink-0 animate-pulse items-center justify-center rounded-full bg-primary text-primary-foreground"
              : "flex size-9 shrink-0 items-center justify-center rounded-full bg-success/15 text-success"
          }
        >
          <Icon className="size-4" aria-hidden />
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-xs font-medium text-muted-foreground">
            {card.status === "ringing" ? t(card.direction === "outbound" ? "dialling" : "ringing") : t("onCall")}
          </p>
          <p className="truncate text-base font-semibold" data-testid="incoming-call-name">
            {card.known ? (card.name ?? card.phone) : t("newCaller")}
          </p>
          <p className="truncate text-sm text-muted-foreground tabular-nums">{card.phone ?? t("hiddenNumber")}</p>
        </div>
        <Button variant="ghost" size="icon-sm" onClick={onDismiss} aria-label={t("dismiss")}>
          <X aria-hidden />
        </Button>
      </div>
      {card.known ? <Known card={card} /> : card.contactId && <NameNewCaller contactId={card.contactId} />}
    </div>
  );
}

function Known({ card }: { card: CallerCard }) {
  const t = useTranslations("telephony.popup");
  return (
    <div className="mt-3 grid gap-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        {card.company && (
          <span className="inline-flex items-center gap-1 text-muted-foreground">
            <Building2 className="size-3.5" aria-hidden />
            {card.company}
          </span>
        )}
        {card.leadScore != null && (
          <Badge tone={card.leadScore >= 70 ? "success" : card.leadScore >= 40 ? "warning" : "neutral"}>
            {t("score", { score: card.leadScore })}
          </Badge>
        )}
      </div>
      {card.openDeals.length > 0 && (
        <ul className="grid gap-1" aria-label={t("openDeals")}>
          {card.openDeals.map((d) => (
            <li key={d.id} className="flex justify-between gap-2 rounded-md bg-muted px-2 py-1">
              <span className="truncate">{d.title}</span>
              {d.amount != null && (
                <span className="shrink-0 text-muted-foreground tabular-nums">
                  {d.amount.toLocaleString()} {d.currency}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {card.lastConversation && (
        <Link
          href={`/inbox?c=${card.lastConversation.id}`}
          className="flex items-start gap-1.5 rounded-md px-1 py-0.5 text-muted-foreground hover:bg-muted"
        >
          <MessageSquare className="mt-0.5 size-3.5 shrink-0" aria-hidden />
          <span className="line-clamp-2">{card.lastConversation.preview || t("lastConversation")}</span>
        </Link>
      )}
    </div>
  );
}

function NameNewCaller({ contactId }: { contactId: string }) {
  const t = useTranslations("telephony.popup");
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const save = useMutation({
    mutationFn: () => api(`/api/contacts/${contactId}`, { method: "PATCH", body: { name: name.trim() } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: callKeys.live }),
  });
  return (
    <form
      className="mt-3 flex gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) save.mutate();
      }}
    >
      <Input
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder={t("namePlaceholder")}
        aria-label={t("namePlaceholder")}
        className="h-8"
      />
      <Button type="submit" size="sm" disabled={!name.trim() || save.isPending} data-testid="create-contact">
        <UserPlus aria-hidden />
        {t("createContact")}
      </Button>
    </form>
  );
}
