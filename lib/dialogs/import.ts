import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { startEvolutionImport } from "@/lib/channels/evolution/import-job";
import { getLatestImport } from "@/lib/channels/evolution/import-status";
import type { Sql } from "@/lib/db";

// Seed 004's source: WhatsApp dialogs read from an Evolution API's Postgres, imported into the channel's
// conversations; the batch analysis then covers them like any other (source 'evolution').

export const importBodySchema = z.object({
  /** The Evolution API's Postgres (saved encrypted in the channel's secrets); omit to reuse the saved one. */
  connectionString: z.string().min(1).max(2000).optional(),
  /** When given, must be the channel's instance: a guard against importing into the wrong channel. */
  instanceName: z.string().trim().min(1).max(255).optional(),
});
export type ImportBody = z.infer<typeof importBodySchema>;

export const importStartedSchema = z.object({
  jobId: z.string(),
  /** Follow it at GET /api/channels/:id/import/:jobId. */
  statusUrl: z.string(),
});

/** Checked in the request's transaction, before anything is enqueued. */
export function checkImportable(channel: { type: string; config: Record<string, unknown> }, body: ImportBody) {
  if (channel.type !== "evolution") throw new ApiError("bad_request", "only Evolution channels import dialogs");
  if (body.instanceName !== undefined && body.instanceName !== channel.config.instanceName) {
    throw new ApiError("bad_request", "instanceName: not this channel's Evolution instance");
  }
}

/** Runs as the service after the request committed (the connection string is merged into the secrets there). */
export async function startDialogImport(
  orgId: string,
  channelId: string,
  body: ImportBody,
): Promise<z.infer<typeof importStartedSchema>> {
  const job = await startEvolutionImport(orgId, channelId, { connectionString: body.connectionString });
  return { jobId: job.id, statusUrl: `/api/channels/${channelId}/import/${job.id}` };
}

/** The channel's latest import, or null when it was never imported (or it is not an Evolution channel). */
export async function latestImport(sql: Sql, orgId: string, channelId: string) {
  return { import: await getLatestImport(sql, orgId, channelId) };
}
