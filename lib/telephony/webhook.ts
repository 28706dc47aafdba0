import { z } from "zod";
import { readRawBody } from "@/lib/api/body";
import { ApiError, errorResponse, validationError } from "@/lib/api/errors";
import { toErrorResponse } from "@/lib/api/handler";
import { WebhookAuthError } from "@/lib/channels/types";
import { asService, type Sql } from "@/lib/db";
import { publicUrl } from "@/lib/inbox/ingest";
import { bridgeUpdate, parseBridgeBody, verifyBridge } from "./bridge";
import { loadConnectionRecord, type ConnectionKind, type ConnectionRecord } from "./connections";
import { recordCallEvent, type CallUpdate } from "./store";
import { handleTwilio } from "./twilio-voice";
import { handleRetell } from "./retell";
import { analyzeCallJob } from "./analyze-call";
import { enqueue } from "@/lib/jobs/enqueue";

// Telephony webhooks: body read with the 1 MB limit (413) → the connection (404 unknown or disabled) → the
// provider's secret or signature (401/403, nothing stored) → parsed (400 naming the field) → stored in one
// service transaction, deduplicated per (call, event) → 2xx. A database that is down answers 503.

export type TelephonyDelivery = { url: string; headers: Headers; rawBody: Uint8Array; sub?: string };

type Adapter = {
  /** Verifies and parses; may answer something the provider expects back (TwiML). */
  handle(
    conn: ConnectionRecord,
    d: TelephonyDelivery,
    sql: Sql,
  ): Promise<{
    updates: CallUpdate[];
    respond?: (stored: { callIds: (string | null)[] }) => Promise<Response>;
    /** The call has a transcript to run through the dialog analysis. */
    analyze?: boolean;
  }>;
};

const adapters: Partial<Record<ConnectionKind, Adapter>> = {
  asterisk_bridge: {
    async handle(conn, d) {
      verifyBridge(conn, d.headers);
      return { updates: [bridgeUpdate(parseBridgeBody(d.rawBody))] };
    },
  },
  twilio: { handle: handleTwilio },
  retell: { handle: handleRetell },
};

const PATH_KINDS: Record<string, ConnectionKind> = {
  asterisk: "asterisk_bridge",
  "twilio-voice": "twilio",
  retell: "retell",
};
export const telephonyWebhookPaths = Object.keys(PATH_KINDS);

function webhookError(error: unknown): Response {
  if (error instanceof WebhookAuthError)
    return errorResponse(new ApiError(error.status === 403 ? "forbidden" : "unauthorized", error.message));
  if (error instanceof z.ZodError) return errorResponse(validationError(error, "body"));
  return toErrorResponse(error);
}

export async function answerTelephonyDelivery(path: string, connectionId: string, d: TelephonyDelivery) {
  try {
    const kind = PATH_KINDS[path];
    const adapter = kind && adapters[kind];
    if (!adapter) throw new ApiError("not_found", "no such telephony webhook");
    // One transaction from the connection's lookup to the stored events: a delivery costs one commit.
    const { callIds, respond } = await asService(async (sql) => {
      const conn = await loadConnectionRecord(sql, connectionId);
      if (!conn || conn.kind !== kind || !conn.enabled) throw new ApiError("not_found", "no such telephony connection");
      const { updates, respond, analyze } = await adapter.handle(conn, d, sql);
      const ids: (string | null)[] = [];
      for (const u of updates) {
        const { callId } = await recordCallEvent(sql, conn, u);
        ids.push(callId);
        if (analyze && callId) await enqueue(analyzeCallJob, { callId }, { sql, orgId: conn.orgId, dedupeKey: callId });
      }
      // At most once a second per connection: every event writing the one row would queue concurrent
      // deliveries behind its lock and announce a change to every open browser.
      const seen = conn.activity;
      const fresh =
        seen?.state === "connected" && !seen.lastError && seen.lastEventAt && Date.now() - +seen.lastEventAt < 1_000;
      if (!fresh)
        await sql.query(
          `update public.telephony_connections
            set last_event_at = now(), state = 'connected', last_error = null,
                state_since = case when state = 'connected' then state_since else now() end
          where id = $1 and (state <> 'connected' or last_error is not null or last_event_at is null
                             or last_event_at < now() - interval '1 second')`,
          [conn.id],
        );
      return { callIds: ids, respond };
    });
    return respond ? await respond({ callIds }) : Response.json({ ok: true });
  } catch (error) {
    return webhookError(error);
  }
}

/** The route handler's entry: reads the body (413 past 1 MB) and answers. */
export async function handleTelephonyWebhook(path: string, connectionId: string, req: Request, sub?: string) {
  try {
    const rawBody = await readRawBody(req);
    return await answerTelephonyDelivery(path, connectionId, {
      url: publicUrl(req),
      headers: req.headers,
      rawBody,
      sub,
    });
  } catch (error) {
    return webhookError(error);
  }
}
