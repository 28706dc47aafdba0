import { z } from "zod";
import { PermanentSendError, RetryableSendError } from "@/lib/channels/types";
import type { EvolutionConfig } from "./schemas";

/**
 * Evolution's REST API (wire/evolution.md §3): `apikey` header, JSON bodies, errors as
 * {status, error, response: {message: string | (string | object)[]}}.
 */

const SEND_TIMEOUT_MS = 30_000;

export type EvolutionCall = { config: EvolutionConfig; apiKey: string };

export class EvolutionHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "EvolutionHttpError";
  }
}

const errorBodySchema = z.looseObject({
  error: z.string().optional(),
  message: z.unknown().optional(),
  response: z.looseObject({ message: z.unknown() }).optional(),
});

/** The human-readable reason from an Evolution error body: "5511… is not on WhatsApp", "Cannot POST /x"… */
export function describeEvolutionError(status: number, body: unknown): string {
  const parsed = errorBodySchema.safeParse(body);
  const raw = parsed.success ? (parsed.data.response?.message ?? parsed.data.message) : undefined;
  const parts = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((item) => {
    if (typeof item === "string") return item;
    if (item && typeof item === "object" && "exists" in item && (item as { exists: unknown }).exists === false) {
      const number = (item as { number?: unknown; jid?: unknown }).number ?? (item as { jid?: unknown }).jid;
      return `${String(number ?? "the number")} is not on WhatsApp`;
    }
    return JSON.stringify(item);
  });
  const error = parsed.success ? parsed.data.error : undefined;
  return parts.length ? parts.join("; ") : (error ?? `HTTP ${status}`);
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

export async function evolutionRequest(
  { config, apiKey }: EvolutionCall,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<unknown> {
  const url = `${config.baseUrl}${path}/${encodeURIComponent(config.instanceName)}`;
  const res = await fetch(url, {
    method,
    headers: { apikey: apiKey, accept: "application/json", ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  if (!res.ok) {
    throw new EvolutionHttpError(
      res.status,
      describeEvolutionError(res.status, json),
      retryAfterMs(res.headers.get("retry-after")),
    );
  }
  return json;
}

/** Maps a failed call to the outbox's two outcomes: try again later, or give up and show why. */
export function toSendError(error: unknown): Error {
  if (error instanceof EvolutionHttpError) {
    if (error.status === 429 || error.status >= 500 || error.status === 408) {
      return new RetryableSendError(
        `Evolution ${error.status}: ${error.message}`,
        error.retryAfterMs,
        String(error.status),
      );
    }
    if (error.status === 401 || error.status === 403) {
      return new PermanentSendError(`Evolution rejected the API key: ${error.message}`, "unauthorized");
    }
    if (/is not on WhatsApp/.test(error.message)) return new PermanentSendError(error.message, "not_on_whatsapp");
    return new PermanentSendError(`Evolution ${error.status}: ${error.message}`, String(error.status));
  }
  // Network failures and timeouts: Evolution may be restarting; the outbox's backoff handles it.
  const message = error instanceof Error ? error.message : String(error);
  return new RetryableSendError(`Evolution unreachable: ${message}`);
}
