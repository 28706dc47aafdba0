import { expect } from "vitest";
import { asService } from "@/lib/db";
import type { ChannelRecord, ChannelType, InboundMessage } from "@/lib/channels/types";
import { ingestParsed } from "@/lib/inbox/ingest";
import { jsonRequest, params } from "./http";
import type { Person } from "./inbox";

// Small helpers for the inbox working-day tests: store client messages as ingest does, call routes as a person.

let seq = 0;
export function inbound(
  threadId: string,
  text: string,
  sender: Partial<InboundMessage["sender"]> = {},
): InboundMessage {
  return {
    kind: "message",
    providerMessageId: `wd${++seq}-${Math.random().toString(36).slice(2)}`,
    threadId,
    sender: { externalId: threadId, name: "Client", ...sender },
    occurredAt: new Date(),
    type: "text",
    text,
    media: [],
    fromBusiness: false,
  };
}

export async function channelOf(orgId: string, type: ChannelType, name: string): Promise<ChannelRecord> {
  const [row] = await asService((sql) =>
    sql.query<{ id: string }>("insert into public.channels (org_id, type, name) values ($1, $2, $3) returning id", [
      orgId,
      type,
      name,
    ]),
  );
  return { id: row.id, orgId, type, name, config: {}, secrets: {} };
}

/** Stores one client message; returns its conversation and message ids. */
export async function clientWrites(channel: ChannelRecord, threadId: string, text: string, name = "Client") {
  const { messages } = await ingestParsed(
    channel,
    { eventId: `wd-e-${++seq}`, events: [inbound(threadId, text, { name })] },
    { test: true },
  );
  return messages[0];
}

export async function orgOf(person: Person) {
  const [row] = await asService((sql) =>
    sql.query<{ org_id: string }>("select org_id from public.memberships where user_id = $1", [person.userId]),
  );
  return row.org_id;
}

type Handler = (req: Request, args?: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route handler as `who`; `id` fills the path's [id]. Returns status and JSON (null for 204). */
export async function call(
  handler: Handler,
  who: Person,
  init: { path?: string; method?: string; body?: unknown; id?: string } = {},
) {
  const res = await handler(
    jsonRequest(init.path ?? "/api/x", { method: init.method, body: init.body, token: who.token }),
    params({ id: init.id ?? "" }),
  );
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

export function expectStatus(result: { status: number; json: unknown }, status: number) {
  expect(result.status, JSON.stringify(result.json)).toBe(status);
}
