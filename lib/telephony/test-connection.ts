import { ApiError } from "@/lib/api/errors";
import { asService } from "@/lib/db";
import { amiTest } from "./ami/originate";
import { bridgeTest } from "./bridge";
import { twilioTest } from "./twilio-voice";
import { retellTest } from "./retell";
import {
  getConnection,
  loadConnectionRecord,
  setConnectionState,
  type ConnectionKind,
  type ConnectionRecord,
} from "./connections";

// "Test connection": asks the provider with the stored credentials and records the answer as the state the
// settings page shows (connected, or error with what the provider said).

type Tester = (conn: ConnectionRecord) => Promise<void>;
const testers: Partial<Record<ConnectionKind, Tester>> = {
  asterisk_bridge: bridgeTest,
  asterisk_ami: amiTest,
  twilio: twilioTest,
  retell: retellTest,
};

/** Run after the admin's transaction (the route checked the id through RLS first). */
export async function testConnection(orgId: string, id: string, req?: Request) {
  const conn = await asService((s) => loadConnectionRecord(s, id));
  if (!conn) throw new ApiError("not_found", "no such telephony connection");
  const tester = testers[conn.kind];
  let error: string | null = null;
  try {
    if (!tester) throw new Error("this kind of connection cannot be tested yet");
    await tester(conn);
  } catch (e) {
    error = (e as Error).message || String(e);
  }
  await asService((s) => setConnectionState(s, id, error ? "error" : "connected", error));
  return { ok: !error, error, connection: await asService((s) => getConnection(s, orgId, id, req)) };
}
