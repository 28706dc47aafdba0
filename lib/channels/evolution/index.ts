import { z } from "zod";
import { describeError } from "@/lib/channels/errors";
import type { ChannelAdapter, ChannelRecord } from "@/lib/channels/types";
import { EvolutionHttpError, evolutionRequest } from "./client";
import { parseEvolutionWebhook } from "./parse";
import { evolutionConfigSchema, evolutionSecretsSchema, type EvolutionConfig, type EvolutionSecrets } from "./schemas";
import { callOf, fetchEvolutionMedia, sendEvolutionMessage } from "./send";
import { verifyEvolutionWebhook } from "./verify";

export { evolutionConfigSchema, evolutionSecretsSchema, type EvolutionConfig, type EvolutionSecrets };
export { STATIC_TOKEN_HEADER, JWT_CLAIMS } from "./verify";
export { fetchEvolutionMedia };
export { normalizeMessage, type EvolutionMessage } from "./normalize";

type EvolutionChannel = ChannelRecord<EvolutionConfig, EvolutionSecrets>;

/** The events the inbox uses; the rest would only cost requests. */
export const WEBHOOK_EVENTS = ["MESSAGES_UPSERT", "MESSAGES_UPDATE", "MESSAGES_EDITED"] as const;

const connectionStateSchema = z.looseObject({
  instance: z.looseObject({ instanceName: z.string().optional(), state: z.string().nullish() }),
});

async function testConnection(channel: EvolutionChannel): Promise<{ ok: boolean; detail: string }> {
  try {
    const body = await evolutionRequest(callOf(channel), "GET", "/instance/connectionState", undefined, 10_000);
    const parsed = connectionStateSchema.safeParse(body);
    if (!parsed.success) return { ok: false, detail: "Evolution answered, but not with a connection state" };
    const state = parsed.data.instance.state ?? "unknown";
    // 'open' is connected; 'connecting' waits for the QR code to be scanned; 'close' is logged out.
    return state === "open"
      ? { ok: true, detail: `Instance "${channel.config.instanceName}" is connected to WhatsApp (state: open)` }
      : {
          ok: false,
          detail: `Instance "${channel.config.instanceName}" is not connected to WhatsApp (state: ${state})`,
        };
  } catch (error) {
    if (error instanceof EvolutionHttpError) {
      if (error.status === 401 || error.status === 403) return { ok: false, detail: "Evolution rejected the API key" };
      if (error.status === 404) {
        return { ok: false, detail: `Evolution has no instance "${channel.config.instanceName}": ${error.message}` };
      }
      return { ok: false, detail: `Evolution answered ${error.status}: ${error.message}` };
    }
    // "fetch failed" alone hides why: describeError names the cause (ENOTFOUND host, ECONNREFUSED, a timeout).
    return { ok: false, detail: `Evolution is unreachable: ${describeError(error)}` };
  }
}

/**
 * Points the instance's webhook at us in JWT mode (see verify.ts): Evolution replaces the `jwt_key`
 * header by a short-lived Bearer token signed with it, so the shared secret never travels.
 */
async function connectWebhook(channel: EvolutionChannel, webhookUrl: string): Promise<void> {
  try {
    await evolutionRequest(callOf(channel), "POST", "/webhook/set", {
      webhook: {
        enabled: true,
        url: webhookUrl,
        byEvents: false,
        base64: false,
        headers: { jwt_key: channel.secrets.webhookToken },
        events: WEBHOOK_EVENTS,
      },
    });
  } catch (error) {
    throw new Error(`Could not set the Evolution webhook: ${describeError(error)}`, { cause: error });
  }
}

export const evolutionAdapter: ChannelAdapter<EvolutionConfig, EvolutionSecrets> = {
  type: "evolution",
  configSchema: evolutionConfigSchema,
  secretsSchema: evolutionSecretsSchema,
  verify: verifyEvolutionWebhook,
  parse: parseEvolutionWebhook,
  send: sendEvolutionMessage,
  test: testConnection,
  connect: connectWebhook,
  async fetchMedia(channel, media) {
    if (!media.providerMediaId) throw new Error("the attachment has no Evolution message id");
    const { data, mimeType, fileName } = await fetchEvolutionMedia(channel, media.providerMediaId);
    return {
      body: new Uint8Array(data),
      mimeType: mimeType ?? media.mimeType ?? "application/octet-stream",
      fileName: fileName ?? media.fileName,
      size: data.byteLength,
    };
  },
};
