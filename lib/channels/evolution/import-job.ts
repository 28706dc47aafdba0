import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { parseWith } from "@/lib/api/handler";
import { decryptJson, encryptJson } from "@/lib/crypto";
import { asService } from "@/lib/db";
import { enqueue, type Enqueued } from "@/lib/jobs/enqueue";
import { defineJob, PermanentJobError } from "@/lib/jobs/registry";
import { loadChannelRecord } from "@/lib/channels/store";
import { EvolutionImportError } from "./import";
import { runEvolutionImport } from "./run-import";
import { evolutionSecretsSchema } from "./schemas";

/**
 * The payload names the channel, never the database: jobs rows are visible to the organisation's members
 * and to Trigger.dev's dashboard, and a connection string carries a password. The connection string lives
 * in the channel's encrypted secrets as `importDatabaseUrl` and is decrypted only inside the job.
 */
export const evolutionImportPayload = z.object({
  channelId: z.uuid(),
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.number().int().min(1).max(50_000_000).optional(),
});

export const evolutionImport = defineJob({
  name: "evolution.import",
  schema: evolutionImportPayload,
  maxAttempts: 3,
  async run({ channelId, since, limit }, ctx) {
    const orgId = ctx.orgId;
    if (!orgId) throw new PermanentJobError("evolution.import needs the organisation");
    const channel = await asService((sql) => loadChannelRecord(sql, channelId, { orgId }));
    if (!channel || channel.type !== "evolution") {
      throw new PermanentJobError("no Evolution channel with this id in the organisation");
    }
    const url = channel.secrets.importDatabaseUrl;
    if (typeof url !== "string" || !url) {
      throw new PermanentJobError("the channel has no importDatabaseUrl: save the Evolution database URL first");
    }
    try {
      return await runEvolutionImport(channel, url, {
        since: since ? new Date(since) : undefined,
        limit,
        signal: ctx.signal,
        onProgress: (progress) => ctx.progress(progress),
      });
    } catch (error) {
      if (error instanceof EvolutionImportError && error.permanent) throw new PermanentJobError(error.message);
      throw error;
    }
  },
});

const importDatabaseUrl = evolutionSecretsSchema.shape.importDatabaseUrl.unwrap();

/**
 * Starts (or joins) the import of a channel's Evolution dialogs. With a connection string, it is first merged
 * into the channel's encrypted secrets (the API's PATCH replaces all secrets at once, and members cannot
 * read them back to merge). Runs as the service: call it after the admin's request transaction committed
 * (afterCommit), having checked the role. One import per channel at a time (dedupeKey).
 */
export async function startEvolutionImport(
  orgId: string,
  channelId: string,
  options: { connectionString?: string; since?: Date; limit?: number } = {},
): Promise<Enqueued> {
  const connectionString =
    options.connectionString === undefined
      ? undefined
      : parseWith(importDatabaseUrl, options.connectionString, "connectionString");
  await asService(async (sql) => {
    const channel = await loadChannelRecord(sql, channelId, { orgId });
    if (!channel || channel.type !== "evolution") throw new ApiError("not_found", "no Evolution channel with this id");
    if (connectionString) {
      const [row] = await sql.query<{ secrets_encrypted: string | null }>(
        "select secrets_encrypted from public.channels where org_id = $1 and id = $2 for update",
        [orgId, channelId],
      );
      const current = row?.secrets_encrypted
        ? decryptJson<Record<string, unknown>>(row.secrets_encrypted, channelId)
        : {};
      // Same envelope as lib/channels/store.ts (AES-256-GCM bound to the channel id).
      await sql.query("update public.channels set secrets_encrypted = $3 where org_id = $1 and id = $2", [
        orgId,
        channelId,
        encryptJson({ ...current, importDatabaseUrl: connectionString }, channelId),
      ]);
    } else if (typeof channel.secrets.importDatabaseUrl !== "string") {
      throw new ApiError("bad_request", "connectionString: the channel has no Evolution database URL yet");
    }
  });
  // After the secrets committed, so the run (on Trigger.dev requested at once) reads them; its id is kept for
  // the import panel.
  const enqueued = await enqueue(
    evolutionImport,
    { channelId, since: options.since?.toISOString(), limit: options.limit },
    { orgId, dedupeKey: channelId },
  );
  await asService((sql) =>
    sql.query("update public.channels set last_import_run = $3 where org_id = $1 and id = $2", [
      orgId,
      channelId,
      enqueued.id,
    ]),
  );
  return enqueued;
}
