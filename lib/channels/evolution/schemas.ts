import { z } from "zod";
import { providerId } from "../types";

export const evolutionConfigSchema = z.object({
  /** Where the Evolution API server answers, e.g. https://evo.example.com (no instance path). */
  baseUrl: z
    .string()
    .url()
    .regex(/^https?:\/\//, "must be an http(s) URL")
    .transform((u) => u.replace(/\/+$/, "")),
  /** The instance name as in Evolution's URLs (/message/sendText/{instanceName}); case-sensitive. */
  instanceName: z.string().trim().min(1).max(255),
});
export type EvolutionConfig = z.infer<typeof evolutionConfigSchema>;

export const evolutionSecretsSchema = z.object({
  /** Evolution's `apikey` header: the global AUTHENTICATION_API_KEY or the instance's own token. */
  apiKey: z.string().min(1),
  /** Shared with Evolution's webhook headers: the JWT key (jwt_key mode) or the static x-relay-token value. */
  webhookToken: z.string().min(16, "must be at least 16 characters"),
  /**
   * The Evolution Postgres to import existing dialogs from, kept here (encrypted at rest with the other
   * secrets) so the import job's payload carries only the channel id and no password reaches the jobs table.
   */
  importDatabaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection string")
    .optional(),
});
export type EvolutionSecrets = z.infer<typeof evolutionSecretsSchema>;

/**
 * The envelope every Evolution webhook has (webhook.controller.ts). Field sets differ between v2 builds
 * (the captured 2.2 payloads carry `owner`, 2.3.6 adds `instanceId`/`status`), so unknown fields pass.
 */
export const envelopeSchema = z.looseObject({
  event: z.string().min(1),
  instance: z.string().min(1),
  data: z.unknown(),
  destination: z.string().nullish(),
  date_time: z.string().nullish(),
  sender: z.string().nullish(),
  server_url: z.string().nullish(),
  apikey: z.string().nullish(),
});

// Evolution converts Baileys' Long timestamps to numbers; a digit string is accepted for older builds.
const unixSeconds = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

export const keySchema = z.looseObject({
  remoteJid: providerId,
  fromMe: z.boolean(),
  id: providerId,
  participant: z.string().nullish(),
  remoteJidAlt: z.string().nullish(),
  participantAlt: z.string().nullish(),
  senderPn: z.string().nullish(),
  addressingMode: z.string().nullish(),
  deleted: z.boolean().nullish(),
});

export const upsertDataSchema = z.looseObject({
  key: keySchema,
  pushName: z.string().nullish(),
  message: z.record(z.string(), z.unknown()).nullish(),
  messageType: z.string().nullish(),
  messageTimestamp: unixSeconds,
  contextInfo: z.record(z.string(), z.unknown()).nullish(),
  status: z.string().nullish(),
});

/** messages.update (2.3.6): {messageId, keyId, remoteJid, fromMe, participant, status, instanceId}. */
export const updateDataSchema = z
  .looseObject({
    keyId: providerId.optional(),
    key: z.looseObject({ id: providerId }).optional(),
    remoteJid: z.string().nullish(),
    fromMe: z.boolean().nullish(),
    status: z.string().nullish(),
  })
  .refine((d) => d.keyId || d.key?.id, { message: "keyId is required", path: ["keyId"] });

/** messages.edited: Baileys' protocolMessage {key, type, editedMessage, timestampMs}. */
export const editedDataSchema = z.looseObject({
  key: z.looseObject({ id: providerId, remoteJid: z.string().nullish(), fromMe: z.boolean().nullish() }),
  editedMessage: z.record(z.string(), z.unknown()).nullish(),
  message: z.record(z.string(), z.unknown()).nullish(),
  timestampMs: z.union([z.number(), z.string(), z.record(z.string(), z.unknown())]).nullish(),
});
