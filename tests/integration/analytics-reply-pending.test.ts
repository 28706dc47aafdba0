import { beforeAll, expect, it } from "vitest";
import * as responseTimes from "@/app/api/analytics/response-times/route";
import { compactAnalytics } from "@/lib/analytics/compact";
import { asService } from "@/lib/db";
import { conversationAt, messageAt, reportAs } from "../helpers/analytics";
import { describeEachDb } from "../helpers/db";
import { team as makeTeam } from "../helpers/inbox";
import { orgOf } from "../helpers/tasks";

// First replies read while their messages are still pending deltas (public.analytics_reply_times_between): a
// conversation must land in the period its first client message is in once compaction folds them, whatever
// the rollup recorded so far — moved into the week by an earlier client message imported late, entering it
// with its first client message ever, or staying in the month before with a reply that came this week.

const WEEK = "from=2026-11-02&to=2026-11-08&tz=Europe/Moscow";
const LATER = "from=2026-11-16&to=2026-11-22&tz=Europe/Moscow";
const OCTOBER = "from=2026-10-19&to=2026-10-25&tz=Europe/Moscow";

describeEachDb("analytics reply times with pending deltas", () => {
  let token: string;

  beforeAll(async () => {
    const t = await makeTeam("arp", "Pending Replies");
    token = t.owner.token;
    const org = await orgOf(t.owner);
    const { late, broadcast, old } = await asService(async (sql) => {
      const [ch] = await sql.query<{ id: string }>(
        "insert into public.channels (org_id, type, name) values ($1, 'telegram', 'Bot') returning id",
        [org],
      );
      const conv = (name: string, createdAt: string) => conversationAt(sql, org, ch.id, name, createdAt);
      // Compacted first: what the rollup knows before the late messages arrive.
      const late = await conv("Late import", "2026-11-20T09:00:00Z");
      await messageAt(sql, org, late, "2026-11-20T09:00:00Z", "contact");
      const broadcast = await conv("Broadcast", "2026-11-03T08:00:00Z");
      await messageAt(sql, org, broadcast, "2026-11-03T08:00:00Z", "agent");
      const old = await conv("October", "2026-10-20T10:00:00Z");
      await messageAt(sql, org, old, "2026-10-20T10:00:00Z", "contact");
      return { late, broadcast, old };
    });
    await compactAnalytics();
    await asService(async (sql) => {
      // Pending: an earlier client message of the late conversation and the AI's answer to it; the broadcast's
      // first client message and a person's answer; a reply this week to October's client.
      await messageAt(sql, org, late, "2026-11-04T10:00:00Z", "contact");
      await messageAt(sql, org, late, "2026-11-04T10:01:00Z", "ai");
      await messageAt(sql, org, broadcast, "2026-11-05T12:00:00Z", "contact");
      await messageAt(sql, org, broadcast, "2026-11-05T12:05:00Z", "agent");
      await messageAt(sql, org, old, "2026-11-03T10:00:00Z", "agent");
    });
  });

  const totals = async (query: string) => (await reportAs(responseTimes, token, query)).tables.totals.rows[0];
  const all = () => Promise.all([totals(WEEK), totals(LATER), totals(OCTOBER)]);

  it("puts each conversation in the period of its first client message before and after compaction", async () => {
    const pending = await asService(async (sql) => {
      const [{ n }] = await sql.query<{ n: string }>("select count(*)::text as n from public.analytics_message_deltas");
      return Number(n);
    });
    expect(pending).toBe(5);
    const before = await all();
    expect(before[0]).toMatchObject({
      conversations: 2,
      unanswered: 0,
      ai_answered: 1,
      human_answered: 1,
      ai_median: 60,
      human_median: 300,
    });
    expect(before[1]).toMatchObject({ conversations: 0 });
    expect(before[2]).toMatchObject({ conversations: 1, human_answered: 1, human_median: 14 * 86_400 });
    expect(await compactAnalytics()).toBe(5);
    expect(await all()).toEqual(before);
  });
});
