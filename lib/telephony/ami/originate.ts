import { ApiError } from "@/lib/api/errors";
import type { ConnectionRecord } from "../connections";
import { AmiAuthError, AmiClient } from "./client";
import { amiSettings, type AmiSettings } from "./settings";

// Click-to-call and "test connection" over AMI: each opens its own short session (Login, the action, Logoff),
// so the web process need not reach the worker's long-lived one. The Originate's events reach every session
// that reads `call` events, the worker's among them, which logs the call.

function settingsOf(conn: ConnectionRecord): AmiSettings {
  const s = amiSettings(conn);
  if (!s) throw new ApiError("conflict", "this AMI connection's settings are incomplete: check host, user and secret");
  return s;
}

async function withSession<T>(s: AmiSettings, fn: (c: AmiClient) => Promise<T>): Promise<T> {
  const client = new AmiClient({ host: s.host, port: s.port, timeoutMs: 10_000 });
  try {
    await client.open();
    await client.login(s.username, s.secret, "off");
    return await fn(client);
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** "Test connection": Login with the secret, then Ping. */
export async function amiTest(conn: ConnectionRecord): Promise<void> {
  const s = settingsOf(conn);
  await withSession(s, async (c) => {
    await c.ping();
  });
}

/**
 * Rings the manager's phone (`Channel`), and when they answer the dialplan `Context` dials the client (`Exten`).
 * `ChannelId` pre-assigns the first channel's Uniqueid, which is the call's Linkedid: the call is logged under
 * it before the Originate is sent, and the PBX's events find the row.
 */
export async function amiMakeCall(
  conn: ConnectionRecord,
  callId: string,
  extension: string,
  phone: string,
  callerName?: string | null,
): Promise<void> {
  const s = settingsOf(conn);
  const digits = phone.replace(/^\+/, "");
  const name = (callerName ?? phone).replace(/["<>\r\n]/g, "").slice(0, 60);
  try {
    await withSession(s, (c) =>
      c.action(
        "Originate",
        [
          ["Channel", s.channelPattern.replaceAll("{extension}", extension)],
          ["Context", s.context],
          ["Exten", digits],
          ["Priority", "1"],
          ["CallerID", `"${name}" <${digits}>`],
          ["Timeout", "30000"],
          ["Async", "true"],
          ["ChannelId", callId],
          ["Variable", `CRM_CALL_ID=${callId}`],
          ["Account", "relay-crm"],
        ],
        { actionId: `c2c-${callId}` },
      ),
    );
  } catch (error) {
    if (error instanceof AmiAuthError) throw new ApiError("unavailable", error.message);
    throw new ApiError("unavailable", `the PBX did not place the call: ${(error as Error).message}`);
  }
}

export { AmiAuthError };
