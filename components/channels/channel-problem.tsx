"use client";

import { CircleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import type { ProblemCode } from "@/lib/channels/errors";
import { sendProblemKey, type SendProblem } from "@/lib/channels/send-problems";
import type { ChannelType } from "@/lib/channels/types";

const PROVIDER: Record<ChannelType, string> = {
  telegram: "Telegram",
  twilio_whatsapp: "Twilio",
  whatsapp_cloud: "WhatsApp Cloud API",
  instagram: "Instagram",
  evolution: "Evolution API",
};

/** "What happened — what to do" for a failure code (a channel's or a message's), in the user's language. */
export function useProblemText() {
  const t = useTranslations("channelProblems");
  return (type: ChannelType, code: SendProblem | null | undefined) => {
    const key = sendProblemKey(code ?? "provider_error");
    const provider = PROVIDER[type];
    return { title: t(`${key}.title`, { provider }), action: t(`${key}.action`, { provider }) };
  };
}

/**
 * A channel that is saved but not working: what happened and what to do; the provider's own words behind a
 * "details" toggle for admins (scrubbed of secrets on the server).
 */
export function ChannelProblem({
  type,
  code,
  detail,
  showDetail,
  saved,
  className,
}: {
  type: ChannelType;
  code: ProblemCode | null;
  detail: string | null;
  showDetail: boolean;
  /** Just created: lead with "Saved, not connected". */
  saved?: boolean;
  className?: string;
}) {
  const t = useTranslations("channelProblems");
  const text = useProblemText()(type, code);
  const [open, setOpen] = useState(false);
  return (
    <div
      className={cn(
        "flex items-start gap-2 rounded-lg border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm text-amber-900 dark:text-amber-200",
        className,
      )}
      role="status"
      data-testid="channel-problem"
      data-code={code ?? undefined}
    >
      <CircleAlert className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" aria-hidden />
      <div className="min-w-0 flex-1">
        {saved && <p className="font-semibold">{t("savedNotConnected")}</p>}
        <p>
          {text.title} — {text.action}
        </p>
        {showDetail && detail && (
          <>
            <button
              type="button"
              className="mt-1 cursor-pointer text-xs underline underline-offset-2 opacity-80 hover:opacity-100"
              aria-expanded={open}
              onClick={() => setOpen((o) => !o)}
            >
              {t(open ? "hideDetails" : "details")}
            </button>
            {open && (
              <pre className="mt-1 max-h-32 overflow-auto rounded bg-black/5 p-2 font-mono text-[11px] break-all whitespace-pre-wrap dark:bg-white/5">
                {detail}
              </pre>
            )}
          </>
        )}
      </div>
    </div>
  );
}
