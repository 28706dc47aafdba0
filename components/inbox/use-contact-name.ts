"use client";

import { useTranslations } from "next-intl";

/**
 * A contact's name for display. Instagram and some Telegram users arrive without one (Instagram's webhook carries
 * only an id): they show as "Client from <channel>" until someone names them.
 */
export function useContactName() {
  const t = useTranslations("inbox");
  return (name: string, channelName: string) => name.trim() || t("unnamedContact", { channel: channelName });
}
