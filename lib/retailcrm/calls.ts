import { asService } from "@/lib/db";
import { RetryLaterError } from "@/lib/jobs/registry";
import type { CallEvent, CallEventStep } from "@/lib/telephony/events";
import { RetailcrmError, type CallUpload } from "./client";
import {
  clientFor,
  connectionOfOrg,
  isConnected,
  logSync,
  type SyncLogEvent,
  setConnectionStatus,
  statusOfError,
  type Connection,
} from "./connections";
import { ensureCustomer } from "./customers";

// Seed 001's call flow, as the telephony module's call events arrive: the customer found or created for the
// caller's number, RetailCRM's own pop-up through telephony/call/event (in / out when it rings and when a
// manager answers, hangup at the end), and the finished call with its recording through telephony/calls/upload.
// A retried job skips what the sync log says was already sent for this call and phase.

const pad = (n: number) => String(n).padStart(2, "0");
/** RetailCRM's "Y-m-d H:i:s" (UTC: the account's zone is not known to the API client). */
export const retailcrmDate = (iso: string) => {
  const d = new Date(iso);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

const RESULT: Record<CallEvent["status"], CallUpload["result"]> = {
  answered: "answered",
  missed: "no answer",
  busy: "busy",
  failed: "failed",
  unknown: "unknown",
  ringing: "unknown",
  in_progress: "answered",
};

function managerOf(conn: Connection, event: CallEvent) {
  const link = conn.managerMap.find((m) => m.memberId === event.memberId);
  return { code: link?.code ?? event.extension ?? undefined, userId: link?.userId };
}

async function alreadySent(conn: Connection, callId: string, phase: string) {
  const [row] = await asService((sql) =>
    sql.query(
      "select 1 from public.retailcrm_sync_log where connection_id = $1 and entity = 'call' and kind = 'sent' and local_id = $2 and field = $3",
      [conn.id, callId, phase],
    ),
  );
  return Boolean(row);
}

const sent = (conn: Connection, event: CallEvent, phase: string, what: SyncLogEvent) =>
  asService((sql) =>
    logSync(sql, conn, {
      direction: "out",
      entity: "call",
      kind: "sent",
      localId: event.callId,
      field: phase,
      event: what,
    }),
  );

export async function syncCall(event: CallEvent & { orgId: string }) {
  const conn = await asService((sql) => connectionOfOrg(sql, event.orgId));
  if (!conn || !event.clientPhone) return;
  const client = clientFor(conn);
  try {
    const customer = await ensureCustomer(conn, client, event.clientPhone, event.contactId);
    const { code, userId } = managerOf(conn, event);
    const type = event.direction === "inbound" ? "in" : "out";
    const phase = event.phase;
    if (!(await alreadySent(conn, event.callId, phase))) {
      const hangup = phase === "ended" || phase === "missed";
      await client.callEvent({
        phone: event.clientPhone,
        type: hangup ? "hangup" : type,
        codes: code ? [code] : [],
        ...(userId ? { userIds: [userId] } : {}),
        callExternalId: event.callId,
        hangupStatus: hangup ? RESULT[event.status] : null,
      });
      await sent(conn, event, phase, {
        code: "call_event_sent",
        values: { type: hangup ? "hangup" : type, customer: customer.retailcrmId },
      });
    }
    if ((event.phase === "ended" || event.phase === "missed") && !(await alreadySent(conn, event.callId, "upload"))) {
      await client.callsUpload([
        {
          date: retailcrmDate(event.startedAt),
          type,
          phone: event.clientPhone,
          ...(code ? { code } : {}),
          ...(userId ? { userId } : {}),
          result: event.phase === "missed" ? "no answer" : RESULT[event.status],
          duration: event.durationSeconds ?? 0,
          durationWaiting: event.waitSeconds ?? 0,
          externalId: event.callId,
          ...(event.recordingUrl ? { recordUrl: event.recordingUrl } : {}),
        },
      ]);
      await sent(conn, event, "upload", { code: "call_uploaded", values: { recording: Boolean(event.recordingUrl) } });
    }
  } catch (error) {
    if (error instanceof RetailcrmError) {
      await asService(async (sql) => {
        await logSync(sql, conn, {
          direction: "out",
          entity: "call",
          kind: "error",
          localId: event.callId,
          field: event.phase,
          message: error.message,
        });
        await setConnectionStatus(sql, conn.id, statusOfError(error), error.message);
      });
      if (error.retryable) throw new RetryLaterError(error.message, error.retryAfterMs ?? 5_000, { cause: error });
      // Refused for good (a wrong key, a rejected field): logged and shown in Settings; the call's other
      // listeners are not held back by retries that cannot help.
      return;
    }
    throw error;
  }
}

export const retailcrmCallSync: CallEventStep = {
  name: "retailcrm.call-sync",
  // Most organisations have no RetailCRM: their calls queue no job for it (on the embedded database the jobs
  // runner shares the one thread with the webhooks and the pop-ups).
  wants: async (event, sql) => event.clientPhone !== null && (await isConnected(sql, event.orgId)),
  run: syncCall,
};
