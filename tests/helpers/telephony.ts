import { expect } from "vitest";
import * as connections from "@/app/api/telephony/connections/route";
import * as extensions from "@/app/api/telephony/extensions/route";
import * as bridgeHook from "@/app/api/webhooks/asterisk/[connectionId]/route";
import { asService } from "@/lib/db";
import type { ConnectionView } from "@/lib/telephony/connections";
import { jsonRequest, params } from "./http";
import type { Person } from "./inbox";

export async function createConnection(admin: Person, body: Record<string, unknown>): Promise<ConnectionView> {
  const res = await connections.POST(jsonRequest("/api/telephony/connections", { token: admin.token, body }));
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as ConnectionView;
}

export async function setExtension(admin: Person, body: Record<string, unknown>) {
  const res = await extensions.PUT(
    jsonRequest("/api/telephony/extensions", { method: "PUT", token: admin.token, body }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
}

/** Posts a bridge event as seed 001's asterisk.py would. */
export function postBridge(
  connectionId: string,
  body: unknown,
  secret: string | null,
  headers: Record<string, string> = {},
) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return bridgeHook.POST(
    new Request(`http://localhost:3000/api/webhooks/asterisk/${connectionId}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret ? { "x-relay-secret": secret } : {}), ...headers },
      body: text,
    }),
    params({ connectionId }),
  );
}

export type CallRowT = {
  id: string;
  contact_id: string | null;
  member_id: string | null;
  status: string;
  duration_seconds: number | null;
  wait_seconds: number | null;
  recording_url: string | null;
  direction: string;
  published_phases: string[];
};

export const callsOf = (connectionId: string, providerCallId: string) =>
  asService((sql) =>
    sql.query<CallRowT>(
      `select id, contact_id, member_id, status, duration_seconds, wait_seconds, recording_url, direction, published_phases
         from public.calls where connection_id = $1 and provider_call_id = $2`,
      [connectionId, providerCallId],
    ),
  );

/**
 * The phases a call published as its `telephony.call-event`, in order. Recorded on the call in the statement that
 * publishes them; the jobs themselves are queued only where a listener wants them (RetailCRM connected:
 * tests/integration/retailcrm-calls.test.ts).
 */
export const publishedPhases = (callId: string) =>
  asService((sql) =>
    sql.query<{ published_phases: string[] }>("select published_phases from public.calls where id = $1", [callId]),
  ).then(([row]) => row.published_phases);
