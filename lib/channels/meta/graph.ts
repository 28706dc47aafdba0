import { z } from "zod";
import { env } from "@/lib/env";
import { PermanentSendError, RetryableSendError } from "../types";

/**
 * A small Graph API client over fetch: no Meta SDK covers both WhatsApp Cloud and Instagram messaging, and the
 * calls we make are a handful of JSON requests with a Bearer token.
 */

const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().default("Graph API error"),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    is_transient: z.boolean().optional(),
    error_data: z.object({ details: z.string().optional() }).partial().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

/** A non-2xx answer from the Graph API (or no answer at all: status 0). */
export class GraphError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: number,
    readonly subcode?: number,
    readonly details?: string,
    readonly fbtraceId?: string,
    readonly transient = false,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "GraphError";
  }
}

const TIMEOUT_MS = 15_000;

export function graphBaseUrl(root = env().META_GRAPH_API_URL) {
  return `${root.replace(/\/+$/, "")}/${env().META_GRAPH_API_VERSION}`;
}

type GraphRequest = {
  method?: "GET" | "POST";
  /** Path under the version, e.g. `123/messages`. */
  path: string;
  accessToken: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Another Graph host (graph.instagram.com) when the token belongs to it; defaults to META_GRAPH_API_URL. */
  root?: string;
};

export async function graphRequest<T = unknown>(req: GraphRequest): Promise<T> {
  const url = new URL(`${graphBaseUrl(req.root)}/${req.path.replace(/^\/+/, "")}`);
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method ?? (req.body === undefined ? "GET" : "POST"),
      headers: {
        authorization: `Bearer ${req.accessToken}`,
        accept: "application/json",
        ...(req.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new GraphError(
      `Graph API unreachable: ${(err as Error).message}`,
      0,
      undefined,
      undefined,
      undefined,
      undefined,
      true,
    );
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = undefined;
  }
  if (res.ok && json !== undefined) return json as T;
  throw toGraphError(res, json, text);
}

function toGraphError(res: Response, json: unknown, text: string): GraphError {
  const retryAfterMs = retryAfterFrom(res.headers);
  const parsed = graphErrorSchema.safeParse(json);
  if (!parsed.success) {
    const snippet = text.slice(0, 200) || res.statusText;
    return new GraphError(
      `Graph API HTTP ${res.status}: ${snippet}`,
      res.status,
      undefined,
      undefined,
      undefined,
      undefined,
      false,
      retryAfterMs,
    );
  }
  const e = parsed.data.error;
  return new GraphError(
    e.error_user_msg ?? e.message,
    res.status,
    e.code,
    e.error_subcode,
    e.error_data?.details,
    e.fbtrace_id,
    e.is_transient ?? false,
    retryAfterMs,
  );
}

/**
 * Graph sends no retry_after in its errors. Retry-After is honoured if a proxy adds it; otherwise the
 * Business Use Case header's estimated_time_to_regain_access (minutes) says how long a throttle lasts.
 */
function retryAfterFrom(headers: Headers): number | undefined {
  const retryAfter = headers.get("retry-after");
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - Date.now());
  }
  const usage = headers.get("x-business-use-case-usage");
  if (usage) {
    try {
      const byId = JSON.parse(usage) as Record<string, Array<{ estimated_time_to_regain_access?: number }>>;
      const minutes = Math.max(
        0,
        ...Object.values(byId)
          .flat()
          .map((u) => u.estimated_time_to_regain_access ?? 0),
      );
      if (minutes > 0) return minutes * 60_000;
    } catch {
      // a header we cannot read says nothing about when to retry
    }
  }
  return undefined;
}

/**
 * Throttling codes: 4 (app), 17 (user), 32 (page), 613 (calls), 80007 (WABA), 130429 (throughput), 131048
 * (spam rate limit), 131056 (same recipient too fast). 1, 2, 131000 and 131016 are Meta's "try again later".
 */
const RETRYABLE_CODES = new Set([1, 2, 4, 17, 32, 613, 80007, 130429, 131000, 131016, 131048, 131056]);

/** Maps a Graph failure to the outbox's two kinds: try again later, or show the agent why not. */
export function toSendError(err: unknown): Error {
  if (!(err instanceof GraphError)) return err instanceof Error ? err : new Error(String(err));
  const code = err.code === undefined ? undefined : String(err.code);
  const text = err.details && !err.message.includes(err.details) ? `${err.message}: ${err.details}` : err.message;
  const retryable =
    err.status === 0 ||
    err.status === 429 ||
    err.status >= 500 ||
    err.transient ||
    (err.code !== undefined && RETRYABLE_CODES.has(err.code));
  if (retryable) return new RetryableSendError(text, err.retryAfterMs, code);
  return new PermanentSendError(text, code);
}

/** Runs a Graph call for send(): every failure leaves as PermanentSendError or RetryableSendError. */
export async function sendVia<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toSendError(err);
  }
}
