import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { ChannelRecord } from "../types";

/**
 * How updates arrive. Unset: webhook when the app's public URL is https and reachable from the internet,
 * long polling otherwise (the embedded default works with just a bot token). "polling" forces polling,
 * e.g. for a server behind a firewall; "webhook" forces setWebhook.
 */
export const telegramConfigSchema = z.object({
  mode: z.enum(["webhook", "polling"]).optional(),
});
export type TelegramConfig = z.infer<typeof telegramConfigSchema>;

/** Telegram accepts ≤ 256 characters of A-Z a-z 0-9 _ - as secret_token (setWebhook). */
const webhookSecretPattern = /^[A-Za-z0-9_-]{1,256}$/;

/** 32 random bytes as base64url: 43 characters, all allowed in secret_token. */
export function newWebhookSecret(): string {
  return randomBytes(32).toString("base64url");
}

export const telegramSecretsSchema = z.object({
  // "<bot id>:<secret>" as @BotFather issues it; the format check also keeps "/" out of the request path.
  botToken: z
    .string()
    .trim()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, "must look like 123456789:AA… (the token @BotFather gave)"),
  // Generated when absent, so a channel created with only a bot token can still verify its webhook.
  webhookSecret: z
    .string()
    .regex(webhookSecretPattern, "must be 1-256 characters of A-Z a-z 0-9 _ -")
    .default(() => newWebhookSecret()),
});
export type TelegramSecrets = z.infer<typeof telegramSecretsSchema>;

export type TelegramChannel = ChannelRecord<TelegramConfig, TelegramSecrets>;

/** The message types Telegram updates are asked for, in setWebhook and getUpdates alike. */
export const allowedUpdates = ["message", "edited_message"] as const;
