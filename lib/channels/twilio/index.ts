import type { ChannelAdapter } from "../types";
import { testTwilioAccount } from "./account";
import { twilioConfigSchema, twilioSecretsSchema, type TwilioConfig, type TwilioSecrets } from "./config";
import { parseTwilioWebhook } from "./parse";
import { sendTwilioMessage } from "./send";
import { fetchTwilioMedia, TwilioMediaError } from "./media";
import { createTemplate, syncTemplates } from "./templates";
import { verifyTwilioSignature } from "./verify";

export {
  twilioConfigSchema,
  twilioSecretsSchema,
  type TwilioConfig,
  type TwilioSecrets,
  type TwilioChannel,
} from "./config";
export { syncTemplates, createTemplate, templateDraftSchema, type TwilioTemplate } from "./templates";
export { fetchTwilioMedia, TwilioMediaError };

/** Twilio answers a Messaging webhook with TwiML; an empty <Response> means "no reply from here". */
const emptyTwiml = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * WhatsApp through Twilio Programmable Messaging: inbound messages and status callbacks at
 * /api/webhooks/twilio/<channelId> (set it as the sender's webhook and as the status callback URL), sending
 * text, media and approved Content templates through the twilio SDK; WhatsApp templates listed, created and
 * submitted for approval through the Content API.
 */
export const twilioWhatsAppAdapter: ChannelAdapter<TwilioConfig, TwilioSecrets> = {
  type: "twilio_whatsapp",
  configSchema: twilioConfigSchema,
  secretsSchema: twilioSecretsSchema,
  verify: (channel, req) => verifyTwilioSignature(channel, req),
  parse: (_channel, req) => parseTwilioWebhook(req),
  acknowledge: () => new Response(emptyTwiml, { status: 200, headers: { "content-type": "text/xml; charset=utf-8" } }),
  send: (channel, message) => sendTwilioMessage(channel, message),
  test: (channel) => testTwilioAccount(channel),
  syncTemplates: (channel) => syncTemplates(channel),
  createTemplate: (channel, draft) => createTemplate(channel, draft),
  async fetchMedia(channel, media) {
    const url = media.providerMediaId ?? media.url;
    if (!url) throw new TwilioMediaError("the attachment has no MediaUrl", 404);
    return { ...(await fetchTwilioMedia(channel, url)), fileName: media.fileName };
  },
};
