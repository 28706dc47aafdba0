"use client";

import { Mic } from "lucide-react";
import { useTranslations } from "next-intl";
import { useTimes } from "@/components/inbox/use-times";
import { cn } from "@/components/ui/cn";
import { DrawerSection } from "./lead-details";
import type { TranscriptLine } from "./leads-api";

/** The dialog the analysis read, compact: the client on the left, us on the right. */
export function LeadTranscript({ lines }: { lines: TranscriptLine[] }) {
  const t = useTranslations("leads.drawer");
  const times = useTimes();
  return (
    <DrawerSection title={t("transcript")}>
      {lines.length === 0 ? (
        <p className="pb-5 text-xs text-muted-foreground">{t("noTranscript")}</p>
      ) : (
        <ol className="grid gap-1.5 pb-5" data-testid="lead-transcript">
          {lines.map((line) => {
            const out = line.direction === "out";
            return (
              <li key={line.id} className={cn("flex flex-col", out ? "items-end" : "items-start")}>
                <div
                  className={cn(
                    "max-w-[85%] rounded-2xl px-3 py-1.5 text-[13px]",
                    out ? "rounded-br-md bg-accent text-accent-foreground" : "rounded-bl-md border bg-card",
                  )}
                >
                  {line.text && <p className="break-words whitespace-pre-wrap">{line.text}</p>}
                  {line.transcript && (
                    <p className="flex gap-1.5 text-muted-foreground italic">
                      <Mic className="mt-0.5 size-3 shrink-0" aria-label={t("voice")} />
                      {line.transcript}
                    </p>
                  )}
                  <time
                    dateTime={line.occurredAt}
                    title={times.full(line.occurredAt)}
                    className="mt-0.5 block text-right text-[10px] text-muted-foreground tabular-nums"
                  >
                    {times.short(line.occurredAt)}
                  </time>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </DrawerSection>
  );
}
