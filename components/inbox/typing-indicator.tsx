"use client";

import { useTranslations } from "next-intl";
import { useMe } from "@/components/shell/use-me";
import { useTypingIn } from "./use-presence";

/** "Anna is typing a reply…" when a colleague has this conversation open and is writing to the client. */
export function TypingIndicator({ conversationId }: { conversationId: string }) {
  const t = useTranslations("inbox.workday");
  const me = useMe();
  const typing = useTypingIn(conversationId, me.user?.id);
  if (!typing.length) return null;
  return (
    <p
      className="flex items-center gap-2 border-t bg-amber-50/60 px-4 py-1.5 text-xs text-amber-900 dark:bg-amber-950/30 dark:text-amber-200"
      role="status"
      data-testid="typing-indicator"
    >
      <span className="flex gap-0.5" aria-hidden>
        {[0, 150, 300].map((delay) => (
          <span
            key={delay}
            className="size-1 animate-bounce rounded-full bg-current"
            style={{ animationDelay: `${delay}ms` }}
          />
        ))}
      </span>
      {t("typing", { names: typing.map((p) => p.name).join(", "), count: typing.length })}
    </p>
  );
}
