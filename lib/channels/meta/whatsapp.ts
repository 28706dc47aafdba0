import { z } from "zod";
import { PermanentSendError, type ChannelAdapter, type ChannelRecord } from "../types";
import { graphRequest, sendVia } from "./graph";
import { fetchWhatsAppMedia } from "./media";
import { graphId } from "./payload";
import { createTemplate, syncTemplates } from "./templates";
import { answerHandshake, metaSecretsSchema, verifyMetaSignature, type MetaSecrets } from "./webhook-auth";
import { parseWhatsAppWebhook } from "./whatsapp-parse";
import { whatsappMessageBody } from "./whatsapp-send";

export const whatsappCloudConfigSchema = z.object({
  /** The number's id in the App Dashboard (not the phone number): webhooks are routed by it, sends go to it. */
  phoneNumberId: graphId,
  /** The WhatsApp Business Account: needed for message templates only. */
  wabaId: graphId.optional(),
});
export type WhatsAppCloudConfig = z.infer<typeof whatsappCloudConfigSchema>;
export type WhatsAppCloudChannel = ChannelRecord<WhatsAppCloudConfig, MetaSecrets>;

const sendResponse = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });

export const whatsappCloudAdapter: ChannelAdapter<WhatsAppCloudConfig, MetaSecrets> = {
  type: "whatsapp_cloud",
  configSchema: whatsappCloudConfigSchema,
  secretsSchema: metaSecretsSchema,

  handshake: (channel, url) => answerHandshake(channel.secrets.verifyToken, url),

  verify: (channel, req) => verifyMetaSignature(channel.secrets.appSecret, req),

  parse: (channel, req) => parseWhatsAppWebhook(channel.config.phoneNumberId, req),

  async send(channel, message) {
    const body = whatsappMessageBody(message);
    const json = await sendVia(() =>
      graphRequest({
        method: "POST",
        path: `${channel.config.phoneNumberId}/messages`,
        accessToken: channel.secrets.accessToken,
        body,
      }),
    );
    const parsed = sendResponse.safeParse(json);
    // Accepted but unnamed: retrying could send it twice, so the agent is told instead.
    if (!parsed.success) throw new PermanentSendError("WhatsApp accepted the message without returning its id");
    return { providerMessageId: parsed.data.messages[0].id };
  },

  syncTemplates: (channel) => syncTemplates(channel),
  createTemplate: (channel, draft) => createTemplate(channel, draft),

  async fetchMedia(channel, media) {
    if (!media.providerMediaId) throw new Error("the attachment has no WhatsApp media id");
    const { body, mimeType, size } = await fetchWhatsAppMedia(channel, media.providerMediaId);
    return { body, mimeType: media.mimeType ?? mimeType, size, fileName: media.fileName };
  },

  async test(channel) {
    try {
      const phone = await graphRequest<{ display_phone_number?: string; verified_name?: string }>({
        path: channel.config.phoneNumberId,
        query: { fields: "display_phone_number,verified_name" },
        accessToken: channel.secrets.accessToken,
      });
      const name = [phone.verified_name, phone.display_phone_number && `(${phone.display_phone_number})`];
      return { ok: true, detail: name.filter(Boolean).join(" ") || channel.config.phoneNumberId };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  },
};
