import { beforeAll, expect, it } from "vitest";
import * as send from "@/app/api/messaging/send/route";
import { asService } from "@/lib/db";
import { createChannel, loadChannelRecord } from "@/lib/channels/store";
import type { ChannelRecord } from "@/lib/channels/types";
import { ingestParsed } from "@/lib/inbox/ingest";
import { windowClosesAt } from "@/lib/inbox/networks";
import { describeEachDb } from "../helpers/db";
import { jsonRequest } from "../helpers/http";
import { team, type Person } from "../helpers/inbox";

it("Instagram and WhatsApp have a 24-hour reply window; Telegram and Evolution none", () => {
  const last = new Date("2026-11-20T10:00:00Z");
  const dayLater = new Date("2026-11-21T10:00:00Z");
  expect(windowClosesAt("instagram", last)).toEqual(dayLater);
  expect(windowClosesAt("whatsapp_cloud", last)).toEqual(dayLater);
  expect(windowClosesAt("twilio_whatsapp", last.toISOString())).toEqual(dayLater);
  expect(windowClosesAt("telegram", last)).toBeNull();
  expect(windowClosesAt("evolution", last)).toBeNull();
  expect(windowClosesAt("instagram", null)).toBeNull();
});

describeEachDb("Instagram's 24-hour messaging window", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let agent: Person;
  let instagram: ChannelRecord;

  beforeAll(async () => {
    const people = await team(`igw-${tag}`, "Insta shop");
    agent = people.agent;
    const [{ org_id: orgId }] = await asService((sql) =>
      sql.query<{ org_id: string }>(
        "select org_id from public.memberships m join auth.users u on u.id = m.user_id where u.email = $1",
        [`owner-igw-${tag}@example.com`],
      ),
    );
    instagram = await asService(async (sql) => {
      const view = await createChannel(sql, orgId, {
        type: "instagram",
        name: "Instagram",
        config: { igUserId: "17841400000000001" },
        secrets: { appSecret: "app-secret", accessToken: "IGAAtoken" },
        enabled: true,
      });
      return (await loadChannelRecord(sql, view.id))!;
    });
  });

  const reply = (conversationId: string, body: Record<string, unknown>) =>
    send.POST(jsonRequest("/api/messaging/send", { token: agent.token, body: { conversationId, ...body } }));

  it("takes a reply within 24 hours of the client's last message and refuses one after, saying why", async () => {
    const { messages } = await ingestParsed(
      instagram,
      {
        eventId: `ig-${tag}`,
        events: [
          {
            kind: "message",
            providerMessageId: `mid.${tag}`,
            threadId: "5512345678901234",
            sender: { externalId: "5512345678901234", name: "Alina" },
            occurredAt: new Date(),
            type: "text",
            text: "Здравствуйте! Есть размер M?",
            media: [],
            fromBusiness: false,
          },
        ],
      },
      {},
    );
    const conversationId = messages[0].conversationId;
    expect((await reply(conversationId, { text: "Да, есть!" })).status).toBe(201);

    await asService((sql) =>
      sql.query("update public.conversations set last_inbound_at = now() - interval '25 hours' where id = $1", [
        conversationId,
      ]),
    );
    const late = await reply(conversationId, { text: "Вы ещё здесь?" });
    expect(late.status).toBe(409);
    const { error } = await late.json();
    expect(error.details).toMatchObject({ reason: "window_closed" });
    expect(error.message).toMatch(/Instagram.*24 hours/);
    expect(new Date(error.details.windowClosedAt).getTime()).toBeLessThan(Date.now());
  });
});
