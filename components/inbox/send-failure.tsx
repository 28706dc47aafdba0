"use client";

import { RotateCw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useProblemText } from "@/components/channels/channel-problem";
import { Button } from "@/components/ui/button";
import type { ChannelType } from "@/lib/channels/types";
import type { MessageView } from "./inbox-api";

/**
 * Under a failed message: what happened and what to do in the user's language, a resend button, and for
 * admins the provider's own words behind "details".
 */
export function SendFailure({
  message,
  channelType,
  showDetail,
  onResend,
  resending,
}: {
  message: MessageView;
  channelType: ChannelType;
  showDetail: boolean;
  onResend: (id: string) => void;
  resending: boolean;
}) {
  const t = useTranslations("inbox.thread");
  const tProblems = useTranslations("channelProblems");
  const problemText = useProblemText();
  const [open, setOpen] = useState(false);
  const problem = message.error?.problem ?? "not_delivered";
  const text = problemText(channelType, problem);
  return (
    <div className="mt-1 flex max-w-[min(80%,34rem)] flex-col items-end gap-1 text-xs">
      <div className="flex flex-wrap items-center justify-end gap-x-2 gap-y-1">
        <span className="text-right text-destructive" data-testid="failure-reason" data-problem={problem}>
          {t("failed", { reason: `${text.title} — ${text.action}` })}
        </span>
        {showDetail && message.error?.message && (
          <button
            type="button"
            className="cursor-pointer text-muted-foreground underline underline-offset-2 hover:text-foreground"
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
          >
            {tProblems(open ? "hideDetails" : "details")}
          </button>
        )}
        <Button
          variant="outline"
          size="sm"
          className="h-6 px-2 text-xs"
          loading={resending}
          onClick={() => onResend(message.id)}
        >
          {!resending && <RotateCw aria-hidden />}
          {t("resend")}
        </Button>
      </div>
      {open && message.error && (
        <pre
          className="max-h-32 max-w-full overflow-auto rounded bg-muted p-2 font-mono text-[11px] break-words whitespace-pre-wrap"
          data-testid="failure-detail"
        >
          {[message.error.code, message.error.message].filter(Boolean).join(": ")}
        </pre>
      )}
    </div>
  );
}

/** "Retrying — last attempt failed: …" in the same words, while the outbox still tries. */
export function useRetryReason(channelType: ChannelType) {
  const problemText = useProblemText();
  return (error: NonNullable<MessageView["error"]>) => problemText(channelType, error.problem).title;
}
