import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/[provider]/[channelId]/route";
import { evolutionAdapter } from "@/lib/channels/evolution";
import { registerAdapter } from "@/lib/channels/registry";
import { createChannel } from "@/lib/channels/store";
import { asService } from "@/lib/db";
import {
  evolutionFixture,
  evolutionWebhookHttpRequest,
  messagesUpsert,
  type EvolutionWebhookAuth,
} from "@/tests/fakes/evolution";
import { describeEachDb } from "../helpers/db";
import { createOrgFixture } from "../helpers/seed";

const TOKEN = "whk_8c1e5a9d3f7b0c2e4a6d8f1b";
// The captured fixtures' instance, so they can be posted as they are.
const INSTANCE = "tigo1";

describeEachDb("Evolution webhooks through the inbox", () => {
  let channelId: string;
  let orgId: string;

  beforeAll(async () => {
    registerAdapter(evolutionAdapter);
    ({ channelId, orgId } = await asService(async (sql) => {
      const org = await createOrgFixture(sql, "Ремонт Плюс");
      const view = await createChannel(sql, org.orgId, {
        type: "evolution",
        name: "WhatsApp",
        config: { baseUrl: "http://127.0.0.1:1", instanceName: INSTANCE },
        secrets: { apiKey: "key", webhookToken: TOKEN },
        enabled: true,
      });
      return { channelId: view.id, orgId: org.orgId };
    }));
  });

  const url = () => `http://localhost:3000/api/webhooks/evolution/${channelId}`;
  const post = async (body: unknown, auth: EvolutionWebhookAuth = { mode: "jwt", key: TOKEN }) =>
    POST(await evolutionWebhookHttpRequest(url(), body, auth), {
      params: Promise.resolve({ provider: "evolution", channelId }),
    });
  const count = (sqlText: string, params: unknown[] = []) =>
    asService(async (sql) => (await sql.query<{ n: number }>(sqlText, [orgId, ...params]))[0].n);
  const messagesWithId = (id: string) =>
    count("select count(*)::int as n from public.messages where org_id = $1 and provider_message_id = $2", [id]);
  const eventsLike = (prefix: string) =>
    count("select count(*)::int as n from public.webhook_events where org_id = $1 and event_id like $2", [
      `${prefix}%`,
    ]);

  it("stores a JWT-authenticated message once even when Evolution delivers it twice", async () => {
    const body = evolutionFixture("webhook_messages_upsert_inbound_text_captured");
    const first = await post(body);
    expect(first.status).toBe(200);
    await expect(first.json()).resolves.toEqual({});
    expect((await post(body)).status).toBe(200);
    expect(await messagesWithId("3EB03E3CA617ADA52AEA79")).toBe(1);
    expect(await eventsLike("messages.upsert:3EB03E3CA617ADA52AEA79")).toBe(1);
  });

  it("accepts the static x-relay-token header", async () => {
    const res = await post(evolutionFixture("webhook_messages_upsert_inbound_image_captured_truncated"), {
      mode: "headers",
      headers: { "x-relay-token": TOKEN },
    });
    expect(res.status).toBe(200);
    expect(await messagesWithId("3EB083096BF5E4096E4137")).toBe(1);
  });

  it("rejects a wrong or missing credential with 401 and stores nothing", async () => {
    const id = `3EB0${randomBytes(9).toString("hex").toUpperCase()}`;
    const body = messagesUpsert(INSTANCE, { id });
    for (const auth of [
      { mode: "jwt", key: "not-the-channel-token" },
      { mode: "jwt", key: TOKEN, iat: Math.floor(Date.now() / 1000) - 7200 },
      { mode: "headers", headers: { "x-relay-token": "guess" } },
      { mode: "none" },
    ] as EvolutionWebhookAuth[]) {
      const res = await post(body, auth);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
    expect(await messagesWithId(id)).toBe(0);
    expect(await eventsLike(`messages.upsert:${id}`)).toBe(0);
  });

  it("answers 400 naming the problem for malformed bodies and other instances, 413 over 1 MB", async () => {
    const noKey = messagesUpsert(INSTANCE);
    delete (noKey.data as { key?: unknown }).key;
    const malformed = await post(noKey);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/data\.key/);
    expect((await post("{oops")).status).toBe(400);

    const foreign = messagesUpsert("another-instance", { id: "3EB0FOREIGN1" });
    expect((await post(foreign)).status).toBe(400);
    expect(await messagesWithId("3EB0FOREIGN1")).toBe(0);

    const huge = messagesUpsert(INSTANCE, { message: { conversation: "а".repeat(600_000) } });
    expect((await post(huge)).status).toBe(413);
  });

  it("records other events without messages, and applies delivery statuses to messages sent from the phone", async () => {
    expect((await post(evolutionFixture("webhook_connection_update_captured"))).status).toBe(200);

    expect((await post(evolutionFixture("webhook_messages_upsert_outgoing_text_captured"))).status).toBe(200);
    const status = () =>
      asService(
        async (sql) =>
          (
            await sql.query<{ status: string; direction: string }>(
              "select status, direction from public.messages where org_id = $1 and provider_message_id = $2",
              [orgId, "3EB0B7AA9746D9215C1340"],
            )
          )[0],
      );
    expect(await status()).toEqual({ status: "sent", direction: "out" });
    const read = {
      event: "messages.update",
      instance: INSTANCE,
      data: {
        messageId: "cm3msg",
        keyId: "3EB0B7AA9746D9215C1340",
        remoteJid: "59171146267@s.whatsapp.net",
        fromMe: true,
        status: "READ",
      },
      date_time: "2025-05-01T18:12:00.000Z",
    };
    expect((await post(read)).status).toBe(200);
    expect(await status()).toEqual({ status: "read", direction: "out" });
  });
});
