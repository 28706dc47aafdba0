import { Api } from "grammy";
import { env } from "@/lib/env";
import { appUrl } from "@/lib/app-url";
import type { TelegramChannel } from "./schema";

/**
 * A grammY Bot API client for one bot, pointed at TELEGRAM_API_ROOT (a local fake in tests).
 * timeoutSeconds bounds every call; long polling passes its own, longer than its getUpdates timeout.
 */
export function telegramApi(botToken: string, timeoutSeconds = 30): Api {
  const apiRoot = env().TELEGRAM_API_ROOT.replace(/\/+$/, "");
  return new Api(botToken, { apiRoot, timeoutSeconds });
}

/** Telegram only calls https URLs on ports 443, 80, 88 and 8443, and cannot reach private addresses. */
export function isPublicHttpsUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "https:") return false;
  if (!["", "443", "80", "88", "8443"].includes(parsed.port)) return false;
  const host = parsed.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal")) {
    return false;
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    const [a, b] = host.split(".").map(Number);
    return !(
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (host.includes(":")) return !(host === "::1" || /^f[cd]/.test(host) || host.startsWith("fe80"));
  // A bare name without a dot (e.g. "crm") only resolves inside a private network.
  return host.includes(".");
}

/** Whether this channel receives updates by webhook (else by long polling), given where it would be called. */
export function usesWebhook(channel: Pick<TelegramChannel, "config">, webhookUrl: string): boolean {
  const mode = channel.config?.mode;
  if (mode) return mode === "webhook";
  return isPublicHttpsUrl(webhookUrl);
}

/** The URL Telegram posts this channel's updates to (the inbox's route /api/webhooks/telegram/<id>). */
export function webhookUrlFor(channelId: string): string {
  return `${appUrl()}/api/webhooks/telegram/${channelId}`;
}
