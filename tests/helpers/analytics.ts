import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { ReportResult } from "@/lib/analytics/report";
import type { Sql } from "@/lib/db";
import { jsonRequest } from "./http";

// What the analytics tests share: data written straight into the tables at chosen instants (the triggers keep
// the rollups and deltas as ingest would), and a report asked through its route.

const hex = () => randomBytes(8).toString("hex");

export type AnalyticsConversation = { id: string; contactId: string; channelId: string };

/** A new contact and its conversation on `channelId`, created at `createdAt`. */
export async function conversationAt(
  sql: Sql,
  orgId: string,
  channelId: string,
  contactName: string,
  createdAt: string,
): Promise<AnalyticsConversation> {
  const [contact] = await sql.query<{ id: string }>(
    "insert into public.contacts (org_id, name) values ($1, $2) returning id",
    [orgId, contactName],
  );
  const [c] = await sql.query<{ id: string }>(
    `insert into public.conversations (org_id, channel_id, contact_id, thread_id, created_at)
     values ($1, $2, $3, $4, $5) returning id`,
    [orgId, channelId, contact.id, hex(), createdAt],
  );
  return { id: c.id, contactId: contact.id, channelId };
}

/** A message of the conversation at `at`: the client's (in), or the AI's, an agent's or the business's (out). */
export async function messageAt(
  sql: Sql,
  orgId: string,
  c: { id: string; channelId: string },
  at: string,
  who: "contact" | "ai" | "agent" | "business",
  { text = "text", userId = null }: { text?: string; userId?: string | null } = {},
) {
  const dir = who === "contact" ? "in" : "out";
  await sql.query(
    `insert into public.messages (org_id, conversation_id, channel_id, direction, sender_type, sender_user_id,
       status, text, occurred_at, provider_message_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [orgId, c.id, c.channelId, dir, who, userId, dir === "in" ? "received" : "sent", text, at, hex()],
  );
}

type Route = { GET: (req: Request) => Promise<Response> };

/** A report through its route, as `token`; fails the test on anything but 200. */
export async function reportAs(route: Route, token: string, query: string): Promise<ReportResult> {
  const res = await route.GET(jsonRequest(`/api/analytics/x?${query}`, { token }));
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}
