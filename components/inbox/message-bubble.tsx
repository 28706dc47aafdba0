"use client";

import { Bot, Sparkles } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { AiReplyReason } from "@/components/ai/ai-reply-reason";
import { cn } from "@/components/ui/cn";
import type { ChannelType } from "@/lib/channels/types";
import { DeliveryStatus } from "./delivery-status";
import type { MessageView } from "./inbox-api";
import { MessageMedia } from "./message-media";
import { SendFailure, useRetryReason } from "./send-failure";
import { useTimes } from "./use-times";

/** One message: client's on the left, ours on the right, with time, "edited", ticks and, if it failed, why. */
export const MessageBubble = memo(function MessageBubble({
  message,
  grouped,
  channelType,
  showErrorDetail,
  onResend,
  resending,
}: {
  message: MessageView;
  channelType: ChannelType;
  /** Admins see the provider's own words behind "details". */
  showErrorDetail: boolean;
  /** Follows a message from the same side within minutes: tighter, no tail. */
  grouped: boolean;
  onResend: (id: string) => void;
  resending: boolean;
}) {
  const t = useTranslations("inbox.thread");
  const times = useTimes();
  const retryReason = useRetryReason(channelType);
  const out = message.direction === "out";
  const failed = message.status === "failed";
  const filled = out && !failed;
  const hasMedia = message.media.length > 0 || message.type === "location" || message.type === "contact";
  const text = message.text ?? (message.type === "unsupported" ? t("unsupported") : "");
  return (
    <div
      className={cn("flex flex-col", out ? "items-end" : "items-start", grouped ? "mt-0.5" : "mt-3")}
      data-testid="message"
      data-direction={message.direction}
      data-status={message.status}
      data-message-id={message.id}
    >
      <div
        className={cn(
          "relative max-w-[min(80%,34rem)] rounded-2xl px-3 py-2 text-sm shadow-xs",
          // Ours in the brand colour; in the dark theme a deeper shade, so white text keeps its contrast.
          filled ? "bg-primary text-white dark:bg-[oklch(0.46_0.15_268)]" : "border bg-card",
          failed && "border-destructive/40 bg-destructive/5",
          !grouped && (out ? "rounded-br-md" : "rounded-bl-md"),
        )}
      >
        {message.senderType === "ai" && (
          <span
            className={cn(
              "mb-1 flex items-center gap-1 text-[11px] font-medium",
              filled ? "text-white/80" : "text-primary",
            )}
          >
            <Sparkles className="size-3" aria-hidden />
            {t("ai")}
          </span>
        )}
        {message.senderType === "business" && (
          <span
            className={cn(
              "mb-1 flex items-center gap-1 text-[11px]",
              filled ? "text-white/75" : "text-muted-foreground",
            )}
          >
            <Bot className="size-3" aria-hidden />
            {t("fromPhone")}
          </span>
        )}
        {hasMedia && (
          <div className={cn(text && "mb-1.5")}>
            <MessageMedia message={message} out={filled} />
          </div>
        )}
        {text && <p className="break-words whitespace-pre-wrap">{text}</p>}
        <span
          className={cn(
            "mt-0.5 flex items-center justify-end gap-1 text-[10.5px] leading-none tabular-nums",
            filled ? "text-white/70" : "text-muted-foreground",
          )}
        >
          {message.editedAt && <span title={times.full(message.editedAt)}>{t("edited")}</span>}
          <time dateTime={message.occurredAt} title={times.full(message.occurredAt)}>
            {times.clock(message.occurredAt)}
          </time>
          {out && <DeliveryStatus status={message.status} />}
        </span>
      </div>
      {message.senderType === "ai" && message.aiExplanation && (
        <AiReplyReason explanation={message.aiExplanation} align={out ? "end" : "start"} />
      )}
      {failed && (
        <SendFailure
          message={message}
          channelType={channelType}
          showDetail={showErrorDetail}
          onResend={onResend}
          resending={resending}
        />
      )}
      {message.status === "queued" && message.error && (
        <p className="mt-1 text-[11px] text-muted-foreground">
          {t("retrying", { reason: retryReason(message.error) })}
        </p>
      )}
    </div>
  );
});
