"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BellRing, BellOff, ChevronLeft, ChevronRight, Sparkles, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { LoadError } from "@/components/settings/query-state";
import { useMe } from "@/components/shell/use-me";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiRequestError } from "@/lib/client/api";
import { roleAtLeast } from "@/lib/client/types";
import { BookDialog } from "./book-dialog";
import { cancelAppointment, fetchWeek, taskKeys, type Appointment, type Slot } from "./tasks-api";

const DAY = 86_400_000;

/** Monday 00:00 (the browser's zone) of the week `offset` weeks from this one. */
function weekStart(offset: number) {
  const now = new Date();
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7) + offset * 7);
  return monday;
}

type Item = { at: string; appointment?: Appointment; slot?: Slot };

/** Booked appointments and the assistant's free slots, day by day, in the organisation's time zone. */
export function WeekView() {
  const t = useTranslations("appointments");
  const locale = useLocale();
  const me = useMe();
  const canWrite = roleAtLeast(me.role, "agent");
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [booking, setBooking] = useState<Slot | null>(null);
  const from = weekStart(offset).toISOString();
  const week = useQuery({ queryKey: taskKeys.week(from), queryFn: ({ signal }) => fetchWeek(from, signal) });
  const cancel = useMutation({
    mutationFn: (id: string) => cancelAppointment(id),
    onSuccess: () => (toast.success(t("cancelled")), queryClient.invalidateQueries({ queryKey: ["appointments"] })),
    onError: (e) => toast.error(e instanceof ApiRequestError ? e.message : t("cancelFailed")),
  });

  const zone = week.data?.timezone;
  const fmt = useMemo(() => {
    const opts = { timeZone: zone };
    return {
      dayKey: new Intl.DateTimeFormat("en-CA", { ...opts, year: "numeric", month: "2-digit", day: "2-digit" }),
      day: new Intl.DateTimeFormat(locale, { ...opts, weekday: "short", day: "numeric", month: "short" }),
      time: new Intl.DateTimeFormat(locale, { ...opts, hour: "2-digit", minute: "2-digit" }),
      full: new Intl.DateTimeFormat(locale, { ...opts, dateStyle: "full", timeStyle: "short" }),
    };
  }, [zone, locale]);

  const days = useMemo(() => {
    if (!week.data) return [];
    const start = new Date(week.data.from).getTime();
    const list = Array.from({ length: 7 }, (_, i) => {
      const at = new Date(start + i * DAY + DAY / 2);
      return { key: fmt.dayKey.format(at), label: fmt.day.format(at), items: [] as Item[] };
    });
    const byKey = new Map(list.map((d) => [d.key, d]));
    for (const a of week.data.appointments)
      byKey.get(fmt.dayKey.format(new Date(a.startsAt)))?.items.push({ at: a.startsAt, appointment: a });
    for (const s of week.data.freeSlots)
      byKey.get(fmt.dayKey.format(new Date(s.startsAt)))?.items.push({ at: s.startsAt, slot: s });
    for (const d of list) d.items.sort((x, y) => x.at.localeCompare(y.at));
    return list;
  }, [week.data, fmt]);
  const today = fmt.dayKey.format(new Date());

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="outline" size="icon-sm" aria-label={t("previous")} onClick={() => setOffset((o) => o - 1)}>
          <ChevronLeft aria-hidden />
        </Button>
        <Button variant="outline" size="sm" onClick={() => setOffset(0)} disabled={offset === 0}>
          {t("thisWeek")}
        </Button>
        <Button variant="outline" size="icon-sm" aria-label={t("next")} onClick={() => setOffset((o) => o + 1)}>
          <ChevronRight aria-hidden />
        </Button>
        {zone && <span className="text-xs text-muted-foreground">{t("zone", { zone })}</span>}
      </div>
      {week.error ? (
        <LoadError error={week.error} onRetry={() => void week.refetch()} />
      ) : !week.data ? (
        <div className="grid gap-2 md:grid-cols-7" aria-busy data-testid="week-loading">
          {Array.from({ length: 7 }, (_, i) => (
            <Skeleton key={i} className="h-40" />
          ))}
        </div>
      ) : (
        <div className="grid gap-3 md:grid-cols-7 md:gap-2" data-testid="week">
          {days.map((day) => (
            <section key={day.key} className="min-w-0 rounded-xl border bg-card p-2" aria-label={day.label}>
              <h2
                className={cn(
                  "mb-2 px-1 text-xs font-semibold capitalize",
                  day.key === today ? "text-primary" : "text-muted-foreground",
                )}
              >
                {day.label}
              </h2>
              {day.items.length === 0 ? (
                <p className="px-1 pb-1 text-xs text-muted-foreground/70">{t("nothing")}</p>
              ) : (
                <ul className="grid gap-1">
                  {day.items.map((item) =>
                    item.appointment ? (
                      <AppointmentCard
                        key={item.appointment.id}
                        appointment={item.appointment}
                        time={fmt.time.format(new Date(item.at))}
                        canWrite={canWrite}
                        onCancel={() => cancel.mutate(item.appointment!.id)}
                      />
                    ) : (
                      <li key={item.at}>
                        <button
                          type="button"
                          disabled={!canWrite}
                          className="flex w-full cursor-pointer items-center justify-between rounded-md border border-dashed px-2 py-1 text-left text-xs text-muted-foreground transition-colors hover:border-primary hover:text-primary disabled:cursor-default disabled:hover:border-border disabled:hover:text-muted-foreground"
                          onClick={() => setBooking(item.slot!)}
                          aria-label={t("bookSlot", { time: fmt.full.format(new Date(item.at)) })}
                          data-testid="free-slot"
                        >
                          <span className="tabular-nums">{fmt.time.format(new Date(item.at))}</span>
                          <span>{t("free")}</span>
                        </button>
                      </li>
                    ),
                  )}
                </ul>
              )}
            </section>
          ))}
        </div>
      )}
      <BookDialog
        slot={booking}
        label={booking ? fmt.full.format(new Date(booking.startsAt)) : ""}
        onClose={() => setBooking(null)}
      />
    </div>
  );
}

function AppointmentCard({
  appointment: a,
  time,
  canWrite,
  onCancel,
}: {
  appointment: Appointment;
  time: string;
  canWrite: boolean;
  onCancel: () => void;
}) {
  const t = useTranslations("appointments");
  const cancelled = a.status === "cancelled";
  return (
    <li
      className={cn(
        "group relative rounded-md border-l-2 px-2 py-1.5 text-xs",
        cancelled ? "border-muted-foreground/40 bg-muted/50 text-muted-foreground" : "border-primary bg-accent/60",
      )}
      data-testid="appointment"
    >
      <div className="flex items-center gap-1 pr-4">
        <span className={cn("font-semibold tabular-nums", cancelled && "line-through")}>{time}</span>
        {a.source === "assistant" && <Sparkles className="size-3 text-primary" aria-label={t("byAssistant")} />}
      </div>
      <p className={cn("truncate font-medium", cancelled && "line-through")}>{a.contactName || "—"}</p>
      {a.note && <p className="line-clamp-2 text-muted-foreground">{a.note}</p>}
      <div className="mt-1 flex flex-wrap items-center gap-1">
        {cancelled && <Badge>{t("statusCancelled")}</Badge>}
        {a.reminderStatus === "sent" && (
          <Badge tone="success">
            <BellRing className="size-3" aria-hidden />
            {t("reminderSent")}
          </Badge>
        )}
        {a.reminderStatus === "skipped" && (
          <Badge tone="warning" title={a.reminderReason ?? undefined}>
            <BellOff className="size-3" aria-hidden />
            {t(`skip.${skipKey(a.reminderReason)}`)}
          </Badge>
        )}
      </div>
      {canWrite && !cancelled && (
        <button
          type="button"
          className="absolute top-1 right-1 cursor-pointer rounded p-0.5 text-muted-foreground opacity-100 hover:bg-background hover:text-destructive sm:opacity-0 sm:group-focus-within:opacity-100 sm:group-hover:opacity-100"
          aria-label={t("cancel", { name: a.contactName })}
          onClick={onCancel}
          data-testid="appointment-cancel"
        >
          <X className="size-3.5" />
        </button>
      )}
    </li>
  );
}

const SKIPS = [
  "disabled",
  "too_late",
  "no_conversation",
  "opted_out",
  "channel_disabled",
  "window_closed",
  "window_closed_no_template",
  "window_closed_template_not_approved",
] as const;
const skipKey = (reason: string | null) =>
  (SKIPS as readonly string[]).includes(reason ?? "") ? (reason as (typeof SKIPS)[number]) : "other";
