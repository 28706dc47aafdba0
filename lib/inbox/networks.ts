import type { ChannelType } from "@/lib/channels/types";

/** How a person is known across providers: WhatsApp is one network whether Twilio, Meta or Evolution carries it. */
export type Network = "telegram" | "whatsapp" | "instagram";

export const networkOf: Record<ChannelType, Network> = {
  telegram: "telegram",
  twilio_whatsapp: "whatsapp",
  whatsapp_cloud: "whatsapp",
  evolution: "whatsapp",
  instagram: "instagram",
};

/**
 * Channels on WhatsApp's official Business API, where free text is allowed only within 24 hours of the
 * client's last message and approved templates are needed after. Evolution drives a WhatsApp app session,
 * which has no such window.
 */
export const windowedChannelTypes: readonly ChannelType[] = ["twilio_whatsapp", "whatsapp_cloud"];
export const CUSTOMER_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * How long after the client's last message the provider takes a reply. WhatsApp's customer service window;
 * Instagram's standard messaging window (Meta's Messenger Platform and Instagram Messaging policy: 24 hours,
 * and no templates to reopen it — later only with the HUMAN_AGENT tag, which needs Meta's approval for the
 * app). Telegram and Evolution have none.
 */
const replyWindowMs: Partial<Record<ChannelType, number>> = {
  twilio_whatsapp: CUSTOMER_WINDOW_MS,
  whatsapp_cloud: CUSTOMER_WINDOW_MS,
  instagram: CUSTOMER_WINDOW_MS,
};

export const hasReplyWindow = (type: ChannelType) => replyWindowMs[type] !== undefined;

/** When free text stops being allowed; null when the channel has no window or the client never wrote. */
export function windowClosesAt(type: ChannelType, lastInboundAt: Date | string | null): Date | null {
  const windowMs = replyWindowMs[type];
  if (windowMs === undefined || !lastInboundAt) return null;
  return new Date(new Date(lastInboundAt).getTime() + windowMs);
}

/** Stop words in the languages of our clients; a message that is only one of them opts the contact out. */
const OPT_OUT = new Set(["stop", "стоп", "unsubscribe", "отписаться", "stopall"]);
const OPT_IN = new Set(["start", "старт", "unstop", "subscribe"]);

/** "out" / "in" when the text is an opt-out or opt-in keyword ("STOP", "/stop", "Стоп!"), else undefined. */
export function optKeyword(text: string | undefined): "out" | "in" | undefined {
  if (!text || text.length > 40) return undefined;
  const word = text
    .trim()
    .toLowerCase()
    .replace(/^\//, "")
    .replace(/[.!\s]+$/u, "");
  if (OPT_OUT.has(word)) return "out";
  if (OPT_IN.has(word)) return "in";
  return undefined;
}
