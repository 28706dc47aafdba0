"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Mic } from "lucide-react";
import { CallStatusBadge, DirectionIcon, ScorePill, SourceLabel } from "./call-bits";
import { formatDuration, type CallView } from "./telephony-api";

/** Calls as rows (a table's columns on a wide screen, stacked on a phone); each opens the call. */
export function CallList({
  calls,
  onOpen,
  compact,
}: {
  calls: CallView[];
  onOpen: (id: string) => void;
  compact?: boolean;
}) {
  const t = useTranslations("calls");
  const format = useFormatter();
  return (
    <ul className="divide-y" data-testid="call-list">
      {calls.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            onClick={() => onOpen(c.id)}
            data-call-id={c.id}
            className="grid w-full cursor-pointer grid-cols-[auto_1fr_auto] items-center gap-x-3 gap-y-1 px-4 py-3 text-left transition-colors hover:bg-muted/60 focus-visible:bg-muted focus-visible:outline-none sm:grid-cols-[auto_minmax(0,1.6fr)_minmax(0,1fr)_6rem_5rem_auto]"
          >
            <DirectionIcon call={c} />
            <span className="min-w-0">
              <span className="block truncate text-sm font-medium">
                {c.contactName ?? c.clientPhone ?? t("unknownCaller")}
              </span>
              <span className="block truncate text-xs text-muted-foreground tabular-nums">
                {c.clientPhone ?? "—"} ·{" "}
                {format.dateTime(new Date(c.startedAt), { dateStyle: "short", timeStyle: "short" })}
              </span>
            </span>
            <span className={compact ? "hidden" : "hidden min-w-0 truncate text-sm text-muted-foreground sm:block"}>
              {c.memberName ?? c.extension ?? "—"}
              <span className="block">
                <SourceLabel call={c} />
              </span>
            </span>
            <span className="hidden text-sm tabular-nums sm:block" title={t("columns.wait")}>
              {formatDuration(c.durationSeconds)}
              {c.waitSeconds != null && (
                <span className="block text-xs text-muted-foreground">
                  {t("waited", { time: formatDuration(c.waitSeconds) })}
                </span>
              )}
            </span>
            <span className="hidden items-center gap-1 sm:flex">
              {c.hasRecording && <Mic className="size-3.5 text-muted-foreground" aria-label={t("hasRecording")} />}
              <ScorePill score={c.aiScore} />
            </span>
            <span className="justify-self-end">
              <CallStatusBadge status={c.status} />
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
