import { z } from "zod";
import { env } from "@/lib/env";
import { PermanentSendError, type ChannelAdapter, type ChannelRecord, type OutboundMessage } from "../types";
import { graphRequest, sendVia } from "./graph";
import { parseInstagramWebhook } from "./instagram-parse";
import { graphId } from "./payload";
import { answerHandshake, metaSecretsSchema, verifyMetaSignature, type MetaSecrets } from "./webhook-auth";

export const instagramConfigSchema = z.object({
  /** The Instagram professional account id: entry.id of its webhooks, and the account test() looks up. */
  igUserId: graphId,
  /** The linked Facebook Page, for apps on Facebook Login: sends go to /{page-id}/messages with its token. */
  pageId: graphId.optional(),
});
export type InstagramConfig = z.infer<typeof instagramConfigSchema>;
export type InstagramChannel = ChannelRecord<InstagramConfig, MetaSecrets>;

const DEFAULT_GRAPH = "https://graph.facebook.com";

/**
 * Instagram Login tokens (IGAA…) are only valid on graph.instagram.com; Page tokens (Facebook Login) on
 * graph.facebook.com. A META_GRAPH_API_URL pointed elsewhere (a test fake) serves both.
 */
function instagramTarget(channel: InstagramChannel) {
  const { accessToken } = channel.secrets;
  const instagramLogin = /^IG/.test(accessToken);
  const configured = env().META_GRAPH_API_URL.replace(/\/+$/, "");
  const root = instagramLogin && configured === DEFAULT_GRAPH ? "https://graph.instagram.com" : configured;
  const sender = instagramLogin ? channel.config.igUserId : (channel.config.pageId ?? "me");
  return { root, sender, accessToken };
}

const sendResponse = z.object({ message_id: z.string().min(1) });

const ATTACHMENT_TYPES: Partial<Record<OutboundMessage["type"], string>> = {
  image: "image",
  video: "video",
  audio: "audio",
  voice: "audio",
  document: "file",
};

export function instagramMessageBody(message: OutboundMessage) {
  const recipient = { id: message.threadId };
  const text = message.text?.trim() ? message.text : undefined;
  if (message.type === "text") {
    if (!text) throw new PermanentSendError("an Instagram text message needs text");
    return { recipient, message: { text } };
  }
  const type = ATTACHMENT_TYPES[message.type];
  if (!type) throw new PermanentSendError(`Instagram cannot send a ${message.type} message`);
  // Instagram attachments have no caption: refusing beats dropping the agent's words without a trace.
  if (text) throw new PermanentSendError("Instagram attachments cannot carry text; send it separately");
  const media = message.media ?? [];
  if (media.length !== 1 || !media[0].url) {
    throw new PermanentSendError("an Instagram attachment needs exactly one file with a public URL");
  }
  return { recipient, message: { attachment: { type, payload: { url: media[0].url } } } };
}

export const instagramAdapter: ChannelAdapter<InstagramConfig, MetaSecrets> = {
  type: "instagram",
  configSchema: instagramConfigSchema,
  secretsSchema: metaSecretsSchema,

  handshake: (channel, url) => answerHandshake(channel.secrets.verifyToken, url),

  verify: (channel, req) => verifyMetaSignature(channel.secrets.appSecret, req),

  parse: (channel, req) => parseInstagramWebhook(channel.config.igUserId, req),

  async send(channel, message) {
    const body = instagramMessageBody(message);
    const { root, sender, accessToken } = instagramTarget(channel);
    const json = await sendVia(() =>
      graphRequest({ method: "POST", root, path: `${sender}/messages`, accessToken, body }),
    );
    const parsed = sendResponse.safeParse(json);
    // Accepted but unnamed: retrying could send it twice, so the agent is told instead.
    if (!parsed.success) throw new PermanentSendError("Instagram accepted the message without returning its id");
    return { providerMessageId: parsed.data.message_id };
  },

  async test(channel) {
    const { root, accessToken } = instagramTarget(channel);
    try {
      const account = await graphRequest<{ username?: string }>({
        root,
        path: channel.config.igUserId,
        query: { fields: "username" },
        accessToken,
      });
      return { ok: true, detail: account.username ? `@${account.username}` : channel.config.igUserId };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  },
};
