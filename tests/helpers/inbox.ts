import { expect } from "vitest";
import * as signup from "@/app/api/auth/signup/route";
import * as channels from "@/app/api/channels/route";
import * as invitations from "@/app/api/team/invitations/route";
import * as webhook from "@/app/api/webhooks/[provider]/[channelId]/route";
import { asService } from "@/lib/db";
import { loadChannelRecord } from "@/lib/channels/store";
import type { ChannelRecord } from "@/lib/channels/types";
import { jsonRequest, params } from "./http";

/** Callers the inbox tests act as: each has an access token and a user id. */
export type Person = { token: string; userId: string };
type Session = { access_token: string; user: { id: string } };

async function signUp(email: string, extra: Record<string, string>): Promise<Person> {
  const res = await signup.POST(
    jsonRequest("/api/auth/signup", { body: { email, password: "long enough", ...extra } }),
  );
  expect(res.status, await res.clone().text()).toBe(201);
  const session = (await res.json()) as Session;
  return { token: session.access_token, userId: session.user.id };
}

async function invite(owner: Person, email: string, role: string): Promise<Person> {
  const res = await invitations.POST(
    jsonRequest("/api/team/invitations", { token: owner.token, body: { email, role } }),
  );
  expect(res.status).toBe(201);
  const { url } = (await res.json()) as { url: string };
  return signUp(email, { name: email.split("@")[0], invitationToken: new URL(url).pathname.split("/").pop()! });
}

/** An organisation with an owner, an agent and a viewer, signed up and invited through the real routes. */
export async function team(tag: string, orgName: string) {
  const owner = await signUp(`owner-${tag}@example.com`, { name: `Owner ${tag}`, organizationName: orgName });
  const agent = await invite(owner, `agent-${tag}@example.com`, "agent");
  const viewer = await invite(owner, `viewer-${tag}@example.com`, "viewer");
  return { owner, agent, viewer };
}

/** Creates a channel through POST /api/channels as an admin; returns its id and the decrypted record. */
export async function createChannel(
  admin: Person,
  body: { type: string; name: string; config?: unknown; secrets?: unknown },
): Promise<ChannelRecord> {
  const res = await channels.POST(jsonRequest("/api/channels", { token: admin.token, body }));
  expect(res.status, await res.clone().text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  return (await asService((sql) => loadChannelRecord(sql, id)))!;
}

/** A POST to the webhook route, as Next.js would hand it over. */
export function postWebhook(provider: string, channelId: string, init: RequestInit & { url?: string }) {
  const url = init.url ?? `http://localhost:3000/api/webhooks/${provider}/${channelId}`;
  return webhook.POST(new Request(url, { method: "POST", ...init }), params({ provider, channelId }));
}

/** Hands a provider's ready-made request (e.g. a signed Twilio webhook) to the webhook route. */
export function deliver(provider: string, channelId: string, req: Request) {
  return webhook.POST(req, params({ provider, channelId }));
}

export async function count(table: string, where: string, values: unknown[]): Promise<number> {
  const [row] = await asService((sql) =>
    sql.query<{ n: string }>(`select count(*)::text as n from public.${table} where ${where}`, values),
  );
  return Number(row.n);
}

/** Waits until check() returns something truthy (a job ran), or fails after timeoutMs. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}
