import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { compactAnalytics } from "@/lib/analytics/compact";
import { adapterFor } from "@/lib/channels/registry";
import type { ChannelRecord } from "@/lib/channels/types";
import { asService, type Sql } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { deliveryArgs, deliveryJson, storedPayload } from "@/lib/inbox/ingest-store";
import { describeEachDb } from "../helpers/db";
import { createChannel, postWebhook, team, type Person } from "../helpers/inbox";
import { signedUpdate, startTelegramFake, textUpdate, type TelegramFake } from "../fakes/telegram";

// The rollups under concurrent ingestion (the reason analytics was once reverted: its upserting triggers made
// webhook batches that wrote the same conversations in different orders deadlock). Eight transactions at once,
// each storing a batch of deliveries to the same conversations in its own order through private.ingest_batch
// (what the webhook's group commit calls), agents' and the AI's replies in other transactions, webhook
// requests through the route, and compactions running beside them: every delivery must store, and the
// compacted rollups must equal what a rebuild from the messages gives.

const CHATS = 6;
const ROUNDS = 4;
const PARALLEL = 8;
const PER_BATCH = 12;

let fake: TelegramFake;
beforeAll(async () => {
  fake = await startTelegramFake();
  process.env.TELEGRAM_API_ROOT = fake.apiRoot;
  delete process.env.APP_URL;
  resetEnvCache();
});
afterAll(async () => {
  await fake.close();
  delete process.env.TELEGRAM_API_ROOT;
  resetEnvCache();
});

const shuffled = <T>(xs: T[]) => {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};

/** One Telegram delivery as the webhook's batch hands it to the database. */
function delivery(channel: ChannelRecord, update: unknown) {
  const init = signedUpdate(channel.secrets.webhookSecret as string, update as never);
  const request = {
    url: `http://localhost:3000/api/webhooks/telegram/${channel.id}`,
    method: "POST",
    headers: new Headers(init.headers),
    rawBody: new TextEncoder().encode(init.body),
  };
  return deliveryJson(
    deliveryArgs(channel, adapterFor("telegram").parse(channel, request), storedPayload(request), "live"),
  );
}

type Result = { ok?: unknown; error?: string; code?: string };
const ingestBatch = (deliveries: string[]) =>
  asService(async (sql) => {
    const [{ results }] = await sql.query<{ results: Result[] }>(
      "select private.ingest_batch($1::jsonb, null) as results",
      [`[${deliveries.join(",")}]`],
    );
    return results;
  });

/** Every rollup row of the organisation, in a stable order, to compare a compaction with a rebuild. */
async function rollups(sql: Sql, org: string) {
  const q = (text: string) => sql.query(text, [org]);
  return {
    counts: await q(
      `select hour, channel_id, direction, sender_type, messages from public.analytics_message_hours
        where org_id = $1 and messages > 0 order by 1, 2, 3, 4`,
    ),
    activity: await q(
      `select conversation_id, hour, inbound, outbound from public.analytics_conversation_hours
        where org_id = $1 and inbound + outbound > 0 order by 1, 2`,
    ),
    members: await q(
      `select conversation_id, hour, member_id, messages from public.analytics_member_hours
        where org_id = $1 and messages > 0 order by 1, 2, 3`,
    ),
    // The daily rollups in the organisation's zone, kept by compaction from the hours' changes.
    days: await q(
      `select day, channel_id, direction, sender_type, messages from public.analytics_message_days
        where org_id = $1 and messages > 0 order by 1, 2, 3, 4`,
    ),
    activeDays: await q(
      `select conversation_id, day, channel_id, active_hours from public.analytics_conversation_days
        where org_id = $1 and active_hours > 0 order by 1, 2, 3`,
    ),
    replies: await q(
      `select conversation_id, first_inbound_at, first_ai_reply_at, first_human_reply_at, first_human_id
         from public.analytics_conversations where org_id = $1 order by 1`,
    ),
  };
}

describeEachDb("analytics rollups under concurrent ingestion", () => {
  let owner: Person;
  let agent: Person;
  let channel: ChannelRecord;
  let org: string;

  beforeAll(async () => {
    ({ owner, agent } = await team(`stress-${randomBytes(3).toString("hex")}`, "Stress"));
    channel = await createChannel(owner, { type: "telegram", name: "Busy bot", secrets: { botToken: fake.token } });
    org = channel.orgId;
    // A half-hour zone for the daily rollups: an hour bucket's local day is still one day.
    await asService((sql) =>
      sql.query(`insert into public.ai_settings (org_id, availability) values ($1, '{"timezone": "Asia/Kolkata"}')`, [
        org,
      ]),
    );
  });

  it("stores every concurrent batch to the same conversations, and compaction counts each message once", async () => {
    const chats = Array.from({ length: CHATS }, (_, i) => 8800 + i);
    let stored = 0;
    let replies = 0;
    const failures: Result[] = [];
    const compactions: Promise<number>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Each batch starts at another conversation and holds them in its own mix; the group commit orders a
      // batch's deliveries by thread (lib/inbox/ingest-batch.ts), so that is how they go in.
      const batches = Array.from({ length: PARALLEL }, (_, b) =>
        shuffled(Array.from({ length: PER_BATCH }, (_, i) => ({ chat: chats[(i * (b + 1) + b) % CHATS], i })))
          .slice(0, PER_BATCH - (b % 3))
          .sort((x, y) => x.chat - y.chat)
          .map(({ chat, i }) => delivery(channel, textUpdate(`r${round} b${b} m${i}`, { chatId: chat }))),
      );
      stored += batches.reduce((t, b) => t + b.length, 0);
      // Replies from the agent and the AI, each transaction writing several conversations in its own order.
      const answer = async (k: number) => {
        const convs = await asService((sql) =>
          sql.query<{ id: string }>("select id from public.conversations where channel_id = $1", [channel.id]),
        );
        if (!convs.length) return;
        await asService(async (sql) => {
          for (const c of shuffled(convs)) {
            const ai = (k + replies) % 2 === 0;
            await sql.query(
              `insert into public.messages (org_id, conversation_id, channel_id, direction, sender_type, sender_user_id,
                 status, text, occurred_at, provider_message_id)
               values ($1, $2, $3, 'out', $4, $5, 'sent', 'reply', now() + make_interval(secs => $6), $7)`,
              [
                org,
                c.id,
                channel.id,
                ai ? "ai" : "agent",
                ai ? null : agent.userId,
                k + 1,
                randomBytes(8).toString("hex"),
              ],
            );
          }
        });
        replies += convs.length;
      };
      const results = await Promise.all([
        ...batches.map((b) => ingestBatch(b)),
        ...(round > 0 ? [answer(round), answer(round + 1)] : []),
      ]);
      for (const r of results.slice(0, PARALLEL) as Result[][]) failures.push(...r.filter((x) => !x.ok));
      compactions.push(compactAnalytics(), compactAnalytics());
    }
    // Through the route as well: concurrent requests the group commit stores two batches at a time.
    const posts = await Promise.all(
      Array.from({ length: 48 }, (_, i) =>
        postWebhook(
          "telegram",
          channel.id,
          signedUpdate(channel.secrets.webhookSecret as string, textUpdate(`post ${i}`, { chatId: chats[i % CHATS] })),
        ),
      ),
    );
    stored += 48;
    await Promise.all(compactions);

    expect(failures).toEqual([]);
    expect(posts.map((r) => r.status)).toEqual(Array(48).fill(200));

    const totals = (sql: Sql) =>
      sql.query<{ direction: string; n: string }>(
        `select direction, sum(messages)::text as n from public.analytics_message_counts where org_id = $1
          group by 1 order by 1`,
        [org],
      );
    const pending = await asService(totals);
    await compactAnalytics();
    await asService(async (sql) => {
      const [{ deltas }] = await sql.query<{ deltas: string }>(
        "select count(*)::text as deltas from public.analytics_message_deltas where org_id = $1",
        [org],
      );
      expect(Number(deltas)).toBe(0);
      // The views give the same before the last compaction as after it.
      expect(await totals(sql)).toEqual(pending);
      expect(pending).toEqual([
        { direction: "in", n: String(stored) },
        { direction: "out", n: String(replies) },
      ]);
      const [{ conversations }] = await sql.query<{ conversations: string }>(
        "select count(*)::text as conversations from public.analytics_conversations where org_id = $1 and first_inbound_at is not null",
        [org],
      );
      expect(Number(conversations)).toBe(CHATS);
    });

    // Exact: the compacted rollups are what a rebuild from the messages gives.
    const compacted = await asService((sql) => rollups(sql, org));
    expect(compacted.counts.length).toBeGreaterThan(0);
    expect(compacted.members.length).toBeGreaterThan(0);
    expect(compacted.activeDays.length).toBeGreaterThan(0);
    await asService((sql) => sql.query("select private.analytics_rebuild()"));
    expect(await asService((sql) => rollups(sql, org))).toEqual(compacted);
  }, 120_000);
});
