import { z } from "zod";
import type { ChannelRecord } from "../types";

const e164 = /^\+[1-9]\d{6,14}$/;

/** "+14155238886" or "whatsapp:+14155238886" → "whatsapp:+14155238886": admins paste either. */
const whatsappAddress = z.preprocess(
  (v) => (typeof v === "string" && e164.test(v.trim()) ? `whatsapp:${v.trim()}` : v),
  z
    .string()
    .regex(/^whatsapp:\+[1-9]\d{6,14}$/, "must be the WhatsApp sender as whatsapp:+E164, e.g. whatsapp:+14155238886"),
);

/**
 * A WhatsApp sender on a Twilio account. Messages go out from `from` or through a Messaging Service (which
 * picks the sender from its pool); at least one is needed. With both, Twilio sends from `from` and applies
 * the service's settings.
 */
export const twilioConfigSchema = z
  .object({
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "must be the Account SID: AC followed by 32 hex characters"),
    from: whatsappAddress.optional(),
    messagingServiceSid: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, "must be a Messaging Service SID: MG followed by 32 hex characters")
      .optional(),
  })
  .refine((c) => c.from || c.messagingServiceSid, {
    message: "set from (whatsapp:+E164) or messagingServiceSid",
    path: ["from"],
  });
export type TwilioConfig = z.infer<typeof twilioConfigSchema>;

/** The auth token signs webhooks (X-Twilio-Signature) and authenticates API calls; API keys cannot sign. */
export const twilioSecretsSchema = z.object({
  authToken: z.string().trim().min(1, "is required: Twilio signs every webhook with it"),
});
export type TwilioSecrets = z.infer<typeof twilioSecretsSchema>;

export type TwilioChannel = ChannelRecord<TwilioConfig, TwilioSecrets>;

/** "+4915…" from "whatsapp:+4915…" (or a bare E.164); undefined when it is neither. */
export function e164From(address: string): string | undefined {
  const bare = address.startsWith("whatsapp:") ? address.slice("whatsapp:".length) : address;
  return e164.test(bare) ? bare : undefined;
}
