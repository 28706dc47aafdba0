"use client";

import { Lock } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo, type ReactNode } from "react";
import type { NoteView } from "./workday-api";
import { useTimes } from "./use-times";

/** The body with each mentioned "@Name" picked out. */
function withMentions(body: string, names: string[]): ReactNode[] {
  if (!names.length) return [body];
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).sort((a, b) => b.length - a.length);
  return body.split(new RegExp(`(@(?:${escaped.join("|")}))`, "g")).map((part, i) =>
    i % 2 ? (
      <strong key={i} className="font-semibold text-amber-900 dark:text-amber-200">
        {part}
      </strong>
    ) : (
      part
    ),
  );
}

/** A private note in the thread: the team's only, set apart from the conversation (amber, full width, a lock). */
export const NoteBubble = memo(function NoteBubble({ note }: { note: NoteView }) {
  const t = useTranslations("inbox.workday");
  const times = useTimes();
  return (
    <div className="mt-3 flex justify-center" data-testid="note" data-note-id={note.id}>
      <div className="w-full max-w-[min(92%,38rem)] rounded-xl border border-dashed border-amber-400/70 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-500/40 dark:bg-amber-950/35 dark:text-amber-50">
        <p className="mb-0.5 flex items-center gap-1.5 text-[11px] font-medium text-amber-800 dark:text-amber-300">
          <Lock className="size-3" aria-hidden />
          {t("noteBy", { name: note.author?.name ?? t("someone") })}
          <time
            dateTime={note.createdAt}
            title={times.full(note.createdAt)}
            className="ml-auto font-normal tabular-nums opacity-80"
          >
            {times.clock(note.createdAt)}
          </time>
        </p>
        <p className="break-words whitespace-pre-wrap">
          {withMentions(
            note.body,
            note.mentions.map((m) => m.name),
          )}
        </p>
      </div>
    </div>
  );
});
