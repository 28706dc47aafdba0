"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Lock, Reply } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { cn } from "@/components/ui/cn";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { createNote, workdayKeys, type NoteView } from "./workday-api";

/** Reply to the client, or write a private note only the team sees. */
export function ComposerMode({ note, onChange }: { note: boolean; onChange: (note: boolean) => void }) {
  const t = useTranslations("inbox.workday");
  const item = (value: boolean, Icon: typeof Reply, label: string) => (
    <button
      type="button"
      role="radio"
      aria-checked={note === value}
      aria-label={label}
      title={label}
      onClick={() => onChange(value)}
      className={cn(
        "flex h-6 cursor-pointer items-center gap-1 rounded-md px-2 text-[11px] font-medium text-muted-foreground transition-colors hover:text-foreground",
        note === value && (value ? "bg-amber-500/15 text-amber-800 dark:text-amber-300" : "bg-muted text-foreground"),
      )}
      data-testid={value ? "mode-note" : "mode-reply"}
    >
      <Icon className="size-3" aria-hidden />
      {/* A phone keeps the icons: the Send button must stay in the row. */}
      <span className="hidden @md:inline">{label}</span>
    </button>
  );
  return (
    <div role="radiogroup" aria-label={t("mode")} className="mr-1 flex shrink-0 items-center gap-0.5">
      {item(false, Reply, t("reply"))}
      {item(true, Lock, t("note"))}
    </div>
  );
}

/** Posts a note; it appears in the thread at once (and for colleagues through realtime). */
export function useAddNote(conversationId: string, onDone: () => void) {
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const t = useTranslations("inbox.workday");
  return useMutation({
    mutationFn: createNote,
    onSuccess: (saved) => {
      queryClient.setQueryData<NoteView[]>(workdayKeys.notes(conversationId), (list) =>
        list && !list.some((n) => n.id === saved.id) ? [...list, saved] : list,
      );
      void queryClient.invalidateQueries({ queryKey: workdayKeys.notes(conversationId) });
      if (saved.mentions.length)
        toast.success(t("noteMentioned", { names: saved.mentions.map((m) => m.name).join(", ") }));
      onDone();
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
}
