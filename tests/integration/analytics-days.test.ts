import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import * as messages from "@/app/api/analytics/messages/route";
import { compactAnalytics } from "@/lib/analytics/compact";
import { asService, type Sql } from "@/lib/db";
import { conversationAt, messageAt, reportAs, type AnalyticsConversation } from "../helpers/analytics";
import { describeEachDb } from "../helpers/db";
import { team } from "../helpers/inbox";
import { orgOf } from "../helpers/tasks";

// The daily rollups (migration 20261209100000_analytics_days.sql): kept in the organisation's zone, read by the
// messages report when it is asked in that zone, the hourly ones otherwise. Both paths must give the same
// numbers, before and after compaction, and after the organisation changes its zone.
//
// The organisation is in Moscow (UTC+3). Around the week 2026-11-02..08 there: 2026-11-01 20:30 UTC is 1 November
// 23:30 (outside), 21:30 UTC is 2 November 00:30 (inside), 2026-11-08 20:59 UTC is 8 November 23:59 (inside),
// 21:00 UTC is 9 November 00:00 (outside).

type Team = Awaited<ReturnType<typeof team>>;
const hex = () => randomBytes(8).toString("hex");
const WEEK = "from=2026-11-02&to=2026-11-08";

describeEachDb("analytics daily rollups in the organisation's zone", () => {
  let a: Team;
  let org: string;
  let tg: string;
  let wa: string;

  const setZone = (tz: string) =>
    asService((sql) =>
      sql.query(
        `insert into public.ai_settings (org_id, availability) values ($1, jsonb_build_object('timezone', $2::text))
         on conflict (org_id) do update set availability = excluded.availability`,
        [org, tz],
      ),
    );
  const recordedZone = () =>
    asService(async (sql) => {
      const [row] = await sql.query<{ tz: string }>("select tz from public.analytics_day_zones where org_id = $1", [
        org,
      ]);
      return row?.tz ?? null;
    });
  const ask = (query: string) => reportAs(messages, a.viewer.token, query);
  const numbers = async (query: string) => (await ask(query)).tables;

  const conversation = (sql: Sql, channelId: string, name: string, createdAt: string) =>
    conversationAt(sql, org, channelId, name, createdAt);
  // The replies are the AI's.
  const message = (sql: Sql, c: AnalyticsConversation, at: string, dir: "in" | "out") =>
    messageAt(sql, org, c, at, dir === "in" ? "contact" : "ai");

  beforeAll(async () => {
    a = await team(`and${hex().slice(0, 4)}`, "Alpha Days");
    org = await orgOf(a.owner);
    await setZone("Europe/Moscow");
    await asService(async (sql) => {
      const channel = async (type: string, name: string) => {
        const [c] = await sql.query<{ id: string }>(
          "insert into public.channels (org_id, type, name) values ($1, $2, $3) returning id",
          [org, type, name],
        );
        return c.id;
      };
      tg = await channel("telegram", "Bot");
      wa = await channel("evolution", "Phone");
      const c1 = await conversation(sql, tg, "Анна", "2026-11-01T20:00:00Z");
      await message(sql, c1, "2026-11-01T20:30:00Z", "in");
      await message(sql, c1, "2026-11-01T21:30:00Z", "in");
      await message(sql, c1, "2026-11-01T21:31:00Z", "out");
      const c2 = await conversation(sql, wa, "Борис", "2026-11-08T20:59:00Z");
      await message(sql, c2, "2026-11-08T20:59:00Z", "in");
      await message(sql, c2, "2026-11-08T21:00:00Z", "out");
      // Active on two days of the week, and again in October and December (other buckets of a month interval).
      const c3 = await conversation(sql, tg, "Вера", "2026-10-30T09:00:00Z");
      for (const at of ["2026-10-30T09:00:00Z", "2026-11-04T09:00:00Z", "2026-11-06T23:30:00Z", "2026-12-01T09:00:00Z"])
        await message(sql, c3, at, "in");
    });
  });

  it("counts the days of the organisation's zone at the period's bounds, the same before and after compaction", async () => {
    // No compaction has seen the organisation yet (no zone recorded, so the hours are read) or one has (the days).
    const pending = await numbers(`${WEEK}&tz=Europe/Moscow&interval=day`);
    expect(pending.totals.rows[0]).toMatchObject({
      inbound: 4, // c1 at 00:30 on the 2nd, c2 at 23:59 on the 8th, c3 on the 4th and the 7th (23:30 UTC on the 6th)
      outbound: 1, // c1's reply; c2's is on the 9th
      active_conversations: 3,
      new_conversations: 1, // c2, at 23:59 on the 8th; c1 began on the 1st
    });
    expect(pending.conversations.rows).toEqual([
      { bucket: "2026-11-02", active: 1, new: 0 },
      { bucket: "2026-11-04", active: 1, new: 0 },
      { bucket: "2026-11-07", active: 1, new: 0 },
      { bucket: "2026-11-08", active: 1, new: 1 },
    ]);
    await compactAnalytics();
    expect(await recordedZone()).toBe("Europe/Moscow");
    expect(await numbers(`${WEEK}&tz=Europe/Moscow&interval=day`)).toEqual(pending);

    // In UTC (another zone: the hours) the same messages fall on other days.
    expect((await numbers(`${WEEK}&tz=UTC&interval=day`)).totals.rows[0]).toMatchObject({
      inbound: 3, // c1 is all on the 1st; c2 on the 8th; c3 on the 4th and the 6th
      outbound: 1, // c2's 21:00 reply is on the 8th
      active_conversations: 2,
    });
  });

  it("reads the days only when asked in their zone, and the hours give the same numbers in it", async () => {
    await compactAnalytics();
    const queries = [
      `${WEEK}&tz=Europe/Moscow&interval=day`,
      `${WEEK}&tz=Europe/Moscow&interval=week`,
      "from=2026-10-01&to=2026-12-31&tz=Europe/Moscow&interval=month",
      "from=2026-10-25&to=2026-11-07&tz=America/New_York&interval=day", // New York leaves DST on 1 November
      "from=2026-10-01&to=2026-12-31&tz=America/New_York&interval=week",
    ];
    const inMoscow = await Promise.all(queries.map(numbers));

    // A day row changed behind compaction's back shows in Moscow only: the days are read in their zone alone.
    await asService((sql) =>
      sql.query("update public.analytics_conversation_days set active_hours = 0 where org_id = $1", [org]),
    );
    expect((await numbers(queries[0])).totals.rows[0]).toMatchObject({ active_conversations: 0, inbound: 4 });
    expect(await numbers(queries[3])).toEqual(inMoscow[3]);
    await asService((sql) => sql.query("select private.analytics_rebuild()"));
    expect(await Promise.all(queries.map(numbers))).toEqual(inMoscow);

    // The organisation moves to New York: until compaction the days stay in Moscow (and are read there only),
    // then they are rebuilt in New York; each query reads the other path from before and gets the same numbers.
    await setZone("America/New_York");
    expect(await Promise.all(queries.map(numbers))).toEqual(inMoscow);
    await compactAnalytics();
    expect(await recordedZone()).toBe("America/New_York");
    expect(await Promise.all(queries.map(numbers))).toEqual(inMoscow);

    // New messages pending in the new zone, then compacted: both paths agree throughout.
    await asService(async (sql) => {
      const c4 = await conversation(sql, wa, "Глеб", "2026-11-01T05:30:00Z");
      await message(sql, c4, "2026-11-01T05:30:00Z", "in"); // 01:30 EDT, then 01:30 EST an hour later
      await message(sql, c4, "2026-11-01T06:30:00Z", "out");
      await message(sql, c4, "2026-11-03T04:30:00Z", "in"); // the 2nd in New York, the 3rd in Moscow
    });
    const withPending = await Promise.all(queries.map(numbers));
    expect(withPending).not.toEqual(inMoscow);
    await compactAnalytics();
    expect(await Promise.all(queries.map(numbers))).toEqual(withPending);

    // A deletion (a deleted message's hour counts as active until compaction, on both paths alike), compacted,
    // then back to Moscow.
    await asService((sql) =>
      sql.query("delete from public.messages where org_id = $1 and occurred_at = '2026-11-04T09:00:00Z'", [org]),
    );
    await compactAnalytics();
    const afterDelete = await Promise.all(queries.map(numbers));
    expect(afterDelete[0].totals.rows[0].inbound).toBe(Number(withPending[0].totals.rows[0].inbound) - 1);
    await setZone("Europe/Moscow");
    await compactAnalytics();
    expect(await recordedZone()).toBe("Europe/Moscow");
    expect(await Promise.all(queries.map(numbers))).toEqual(afterDelete);
  });

  it("keeps an unknown zone name in UTC, as the reports do", async () => {
    await setZone("Mars/Olympus");
    await compactAnalytics();
    expect(await recordedZone()).toBe("UTC");
    expect((await ask(WEEK)).tz).toBe("UTC");
  });
});
