import { asService } from "@/lib/db";
import { logger } from "@/lib/log";
import { adapterFor } from "@/lib/channels/registry";
import { loadChannelRecord, recordChannelStatus, webhookUrl } from "@/lib/channels/store";
import type { ChannelRecord } from "@/lib/channels/types";
import { describeError, problemOfError, problemOfText, scrubSecrets, type ProblemCode } from "@/lib/channels/errors";

// Calls to the provider run after the admin's transaction has committed: a slow provider must not hold a
// database transaction (on the embedded database, the only connection) while it answers.

const log = logger.child({ module: "channels" });

async function load(orgId: string, id: string, enabledOnly = false): Promise<ChannelRecord | undefined> {
  return asService((sql) => loadChannelRecord(sql, id, { orgId, enabledOnly }));
}

/**
 * Registers the webhook with the provider when it can (Telegram setWebhook / long polling); where the webhook
 * is set in the provider's console instead (Twilio, Meta), checks the credentials. Records the outcome either
 * way, so a channel whose provider cannot be reached is "saved, not connected", never "connected".
 */
export async function connectChannel(orgId: string, id: string, req?: Request): Promise<void> {
  const channel = await load(orgId, id, true);
  if (!channel) return;
  const adapter = adapterFor(channel.type);
  if (!adapter.connect) {
    await testChannel(orgId, id);
    return;
  }
  try {
    await adapter.connect(channel, webhookUrl(channel, req));
    await recordChannelStatus(orgId, id, { ok: true });
  } catch (error) {
    const detail = describeError(error);
    const code = problemOfError(error, channel.type);
    log.warn({ channelId: id, code, detail }, "connecting a channel failed");
    await recordChannelStatus(orgId, id, { ok: false, detail, code });
  }
}

/** Checks the credentials against the provider (getMe, account fetch) and records the outcome. */
export async function testChannel(
  orgId: string,
  id: string,
): Promise<{ ok: boolean; detail: string; code: ProblemCode | null }> {
  const channel = await load(orgId, id);
  if (!channel) return { ok: false, detail: "channel not found", code: null };
  let outcome: { ok: boolean; detail: string; code: ProblemCode | null };
  try {
    const result = await adapterFor(channel.type).test(channel);
    const detail = scrubSecrets(result.detail);
    outcome = { ok: result.ok, detail, code: result.ok ? null : problemOfText(detail, channel.type) };
  } catch (error) {
    outcome = { ok: false, detail: describeError(error), code: problemOfError(error, channel.type) };
  }
  if (!outcome.ok) log.warn({ channelId: id, code: outcome.code, detail: outcome.detail }, "channel test failed");
  await recordChannelStatus(orgId, id, outcome);
  return outcome;
}
