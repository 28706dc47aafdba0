import { problemOfText, type ProblemCode } from "./errors";
import type { ChannelType } from "./types";

// Why an outbound message failed, as a code the thread turns into "what happened — what to do" in the user's
// language. Problems of the channel itself (a refused token, an unreachable provider) reuse the channel
// problem codes; the rest are about this one message or its recipient. The stored provider text stays the
// raw detail behind "details".

export const SEND_PROBLEM_CODES = [
  "channel_disabled",
  "opted_out",
  "recipient_blocked",
  "recipient_not_found",
  "not_on_whatsapp",
  "recipient_unreachable",
  "window_closed",
  "template_problem",
  "content_not_supported",
  "message_too_long",
  "carrier_filtered",
  "not_delivered",
] as const;
export type SendOnlyProblem = (typeof SEND_PROBLEM_CODES)[number];
export type SendProblem = SendOnlyProblem | ProblemCode;

const isSendOnly = (code: SendProblem): code is SendOnlyProblem =>
  (SEND_PROBLEM_CODES as readonly string[]).includes(code);
/** The messages key of a problem: send-only ones live in channelProblems.send. */
export const sendProblemKey = (code: SendProblem) => (isSendOnly(code) ? `send.${code}` : code);

// Twilio error codes (twilio.com/docs/api/errors) as stored in messages.error_code.
const TWILIO: Record<string, SendProblem> = {
  "20003": "credentials_rejected",
  "20429": "rate_limited",
  "21211": "recipient_not_found",
  "21408": "account_inactive",
  "21610": "opted_out",
  "21614": "recipient_not_found",
  "30003": "recipient_unreachable",
  "30005": "recipient_not_found",
  "30007": "carrier_filtered",
  "30008": "not_delivered",
  "63003": "not_on_whatsapp",
  "63016": "window_closed",
  "63018": "rate_limited",
  "63024": "recipient_not_found",
  "63032": "recipient_blocked",
  "63049": "not_delivered",
};

// Graph API codes for WhatsApp Cloud and Instagram (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
const META: Record<string, SendProblem> = {
  "190": "credentials_rejected",
  "4": "rate_limited",
  "17": "rate_limited",
  "32": "rate_limited",
  "613": "rate_limited",
  "80007": "rate_limited",
  "130429": "rate_limited",
  "131048": "rate_limited",
  "131056": "rate_limited",
  "131047": "window_closed",
  "131026": "recipient_unreachable",
  "131051": "content_not_supported",
  "131052": "content_not_supported",
  "131053": "content_not_supported",
  "132000": "template_problem",
  "132001": "template_problem",
  "132005": "template_problem",
  "132007": "template_problem",
  "132012": "template_problem",
  "132015": "template_problem",
  "132016": "template_problem",
  "551": "recipient_unreachable",
};

// Evolution's own codes (lib/channels/evolution/client.ts and send.ts).
const EVOLUTION: Record<string, SendProblem> = {
  unauthorized: "credentials_rejected",
  not_on_whatsapp: "not_on_whatsapp",
  empty_text: "content_not_supported",
  too_many_attachments: "content_not_supported",
  missing_media: "content_not_supported",
  unsupported_type: "content_not_supported",
};

/** Telegram answers with HTTP-like codes; the description says which 400/403 it is. */
function telegram(code: string | null, text: string): SendProblem | undefined {
  if (/bot was blocked by the user|user is deactivated|bot can't initiate conversation/i.test(text))
    return "recipient_blocked";
  if (/chat not found|user not found|PEER_ID_INVALID/i.test(text)) return "recipient_not_found";
  if (/message is too long|caption is too long|MESSAGE_TOO_LONG/i.test(text)) return "message_too_long";
  if (code === "401") return "token_rejected";
  if (code === "429") return "rate_limited";
  if (code === "403") return "recipient_blocked";
  return undefined;
}

/** Our own checks before a send (the adapters' PermanentSendErrors without a provider code). */
function ours(text: string): SendProblem | undefined {
  if (/no Twilio Content SID|template message needs a template|sync this channel's templates/i.test(text))
    return "template_problem";
  if (/cannot send a|cannot carry text|attachment|albums are|nothing to send|needs text|public URL/i.test(text))
    return "content_not_supported";
  if (/not a phone number/i.test(text)) return "recipient_not_found";
  if (/outside (of )?(the )?(allowed|24-hour) window|re-?engagement/i.test(text)) return "window_closed";
  return undefined;
}

/** The problem a failed (or still retried) outbound message shows, from its stored code and text. */
export function sendProblemOf(type: ChannelType, error: { code: string | null; message: string }): SendProblem {
  const { code, message } = error;
  if (code === "channel_disabled" || code === "opted_out") return code;
  const byCode =
    code === null
      ? undefined
      : type === "telegram"
        ? telegram(code, message)
        : type === "twilio_whatsapp"
          ? TWILIO[code]
          : type === "evolution"
            ? EVOLUTION[code]
            : META[code];
  if (byCode) return byCode;
  if (type === "telegram") {
    const byText = telegram(null, message);
    if (byText) return byText;
  }
  const own = ours(message);
  if (own) return own;
  const channelProblem = problemOfText(message, type);
  // A 4xx the provider explained in its own words is about this message, not the channel's settings.
  return channelProblem === "provider_error" ? "not_delivered" : channelProblem;
}
