"use client";

import { useFormatter, useTranslations } from "next-intl";
import * as DialogPrimitive from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogTitle } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/cn";
import { CallStatusBadge, ScorePill, SourceLabel } from "./call-bits";
import { PhoneLink } from "./phone-link";
import { formatDuration, type CallDetail } from "./telephony-api";
import { useCall } from "./use-calls";

/** One call: who, when, how long, the recording player (streamed through the app) and the transcript. */
export function CallDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useTranslations("calls");
  const call = useCall(id);
  return (
    <Dialog open={!!id} onOpenChange={(open) => !open && onClose()}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-black/40" />
        <DialogPrimitive.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 right-0 z-50 flex w-[min(520px,100vw)] flex-col overflow-y-auto border-l bg-background p-5 shadow-2xl outline-none"
          data-testid="call-drawer"
        >
          <div className="flex items-center justify-between gap-2">
            <DialogTitle className="text-base font-semibold">{t("detail.title")}</DialogTitle>
            <DialogClose asChild>
              <Button variant="ghost" size="icon-sm" aria-label={t("detail.close")}>
                <X aria-hidden />
              </Button>
            </DialogClose>
          </div>
          {call.data ? <Detail call={call.data} /> : <Skeleton className="mt-4 h-40" />}
          {call.isError && <p className="mt-4 text-sm text-destructive">{t("detail.loadFailed")}</p>}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </Dialog>
  );
}

function Detail({ call }: { call: CallDetail }) {
  const t = useTranslations("calls");
  const format = useFormatter();
  const row = (label: string, value: React.ReactNode) => (
    <div className="flex justify-between gap-4 py-1.5 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-right">{value}</dd>
    </div>
  );
  return (
    <div className="mt-4 grid gap-5">
      <div className="flex flex-wrap items-center gap-2">
        <CallStatusBadge status={call.status} />
        <SourceLabel call={call} />
        <ScorePill score={call.aiScore} />
      </div>
      <dl className="divide-y rounded-lg border px-3">
        {row(t("columns.contact"), call.contactName ?? t("unknownCaller"))}
        {row(
          t("columns.phone"),
          call.clientPhone ? <PhoneLink phone={call.clientPhone} contactId={call.contactId} /> : "—",
        )}
        {row(t("columns.direction"), t(`direction.${call.direction}`))}
        {row(t("columns.manager"), call.memberName ?? call.extension ?? "—")}
        {row(
          t("columns.started"),
          format.dateTime(new Date(call.startedAt), { dateStyle: "medium", timeStyle: "short" }),
        )}
        {row(t("columns.duration"), formatDuration(call.durationSeconds))}
        {row(t("columns.wait"), formatDuration(call.waitSeconds))}
      </dl>
      {call.recordingUrl ? (
        <section className="grid gap-2">
          <h3 className="text-sm font-medium">{t("detail.recording")}</h3>
          {/* The link is signed and expires; the provider's own URL and credentials never reach the browser. */}
          <audio controls preload="metadata" src={call.recordingUrl} className="w-full" data-testid="call-recording">
            <track kind="captions" />
          </audio>
        </section>
      ) : (
        <p className="text-sm text-muted-foreground">{t("detail.noRecording")}</p>
      )}
      {call.aiSummary && (
        <section className="grid gap-1.5">
          <h3 className="text-sm font-medium">{t("detail.summary")}</h3>
          <p className="text-sm text-muted-foreground">{call.aiSummary}</p>
        </section>
      )}
      {call.transcript && call.transcript.length > 0 && (
        <section className="grid gap-2" data-testid="call-transcript">
          <h3 className="text-sm font-medium">{t("detail.transcript")}</h3>
          <ol className="grid gap-2">
            {call.transcript.map((turn, i) => (
              <li key={i} className={cn("flex", turn.speaker === "client" ? "justify-end" : "justify-start")}>
                <div
                  className={cn(
                    "max-w-[85%] rounded-2xl px-3 py-2 text-sm",
                    turn.speaker === "client" ? "bg-primary text-primary-foreground" : "bg-muted",
                  )}
                >
                  <span className="mb-0.5 block text-[11px] font-medium opacity-75">
                    {t(`speaker.${turn.speaker}`)}
                  </span>
                  {turn.text}
                </div>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
