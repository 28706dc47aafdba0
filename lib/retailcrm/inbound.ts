import { z } from "zod";
import { placeCall, planCall } from "@/lib/telephony/click-to-call";
import { ApiError } from "@/lib/api/errors";
import { readRawBody } from "@/lib/api/body";
import { asService } from "@/lib/db";
import { loadConnection, logSync, secretMatches, type Connection } from "./connections";
import { syncRetailcrmNow } from "./jobs";

// What RetailCRM calls on our side. Nothing it sends is signed, so each URL carries a secret: the trigger
// webhook a `secret` in its query, makeCallUrl the module's clientId. Order: the body's size (413), the
// connection (404), the secret (401 missing / 403 wrong, nothing stored), then the work.

const uuid = z.uuid();

async function connectionFor(connectionId: string): Promise<Connection> {
  if (!uuid.safeParse(connectionId).success) throw new ApiError("not_found", "no such RetailCRM connection");
  const conn = await asService((sql) => loadConnection(sql, connectionId));
  if (!conn) throw new ApiError("not_found", "no such RetailCRM connection");
  return conn;
}

function checkSecret(presented: string | null, expected: string, name: string) {
  if (!presented) throw new ApiError("unauthorized", `${name} is missing`);
  if (!secretMatches(presented, expected)) throw new ApiError("forbidden", `${name} is wrong`);
}

/** RetailCRM's trigger ("HTTP request" action): whatever it sends, the answer is to read the feeds now. */
export async function handleTriggerWebhook(req: Request, connectionId: string) {
  if (req.method === "POST") await readRawBody(req);
  const conn = await connectionFor(connectionId);
  checkSecret(new URL(req.url).searchParams.get("secret"), conn.webhookSecret, "secret");
  if (!conn.enabled) return { queued: false, reason: "the connection is disabled" };
  const job = await syncRetailcrmNow(conn.id, conn.orgId);
  return { queued: true, jobId: job.id };
}

const makeCallSchema = z.object({
  clientId: z.string().max(200).optional(),
  code: z.string().trim().max(20).optional(),
  phone: z.string().trim().min(3).max(40),
  userId: z.string().max(20).optional(),
  externalPhone: z.string().max(40).optional(),
});

/**
 * RetailCRM's makeCallUrl: a user clicked a phone number. Recorded in the sync log, then placed through the
 * mapped member's telephony connection as our own click-to-call does (ringing the manager first).
 */
export async function handleMakeCall(req: Request, connectionId: string) {
  const bytes = req.method === "POST" ? await readRawBody(req) : new Uint8Array();
  const conn = await connectionFor(connectionId);
  const params = Object.fromEntries(new URL(req.url).searchParams);
  if (bytes.byteLength) Object.assign(params, Object.fromEntries(new URLSearchParams(new TextDecoder().decode(bytes))));
  checkSecret(params.clientId ?? null, conn.clientId, "clientId");
  const parsed = makeCallSchema.safeParse(params);
  if (!parsed.success)
    throw new ApiError("bad_request", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const { code, phone, userId } = parsed.data;
  const member = conn.managerMap.find((m) => m.code === code || String(m.userId) === userId);
  await asService((sql) =>
    logSync(sql, conn, {
      direction: "in",
      entity: "call",
      kind: "applied",
      localId: member?.memberId ?? null,
      field: "make-call",
      event: { code: "make_call_requested", values: { phone, manager: code ?? userId ?? "?" } },
    }),
  );
  // RetailCRM shows its own message when success is false, so a problem is answered in its envelope.
  if (!member?.memberId) {
    return Response.json(
      { success: false, errorMsg: `No Relay CRM member is mapped to RetailCRM manager ${code ?? userId ?? "?"}` },
      { status: 404 },
    );
  }
  try {
    const plan = await asService((sql) => planCall(sql, conn.orgId, member.memberId!, { phone }));
    await placeCall(plan);
    return Response.json({ success: true });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return Response.json({ success: false, errorMsg: err.message }, { status: err.status });
  }
}
