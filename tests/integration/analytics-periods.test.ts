import { beforeAll, expect, it } from "vitest";
import * as messages from "@/app/api/analytics/messages/route";
import { resolveFilters } from "@/lib/analytics/filters";
import type { ReportResult } from "@/lib/analytics/report";
import { asService } from "@/lib/db";
import { describeEachDb } from "../helpers/db";
import { jsonRequest } from "../helpers/http";
import { team } from "../helpers/inbox";
import { orgOf } from "../helpers/tasks";

// Preset periods (today, 7 / 30 / 90 days) are counted from today in the organisation's zone, not the
// browser's: at 2026-12-06 22:30 UTC it is already the 7th in Moscow and still the 6th in New York.

type Team = Awaited<ReturnType<typeof team>>;
const NOW = new Date("2026-12-06T22:30:00Z");

describeEachDb("analytics preset periods in the organisation's time zone", () => {
  let a: Team;
  let org: string;

  beforeAll(async () => {
    a = await team("anp", "Alpha Periods");
    org = await orgOf(a.owner);
    await asService((sql) =>
      sql.query(
        `insert into public.ai_settings (org_id, availability) values ($1, '{"timezone": "Europe/Moscow"}')
         on conflict (org_id) do update set availability = excluded.availability`,
        [org],
      ),
    );
  });

  it("counts today and the last 7 / 30 / 90 days back from today in the zone", async () => {
    const resolve = (q: Parameters<typeof resolveFilters>[2]) => asService((sql) => resolveFilters(sql, org, q, NOW));
    expect(await resolve({ period: "today" })).toMatchObject({ fromDay: "2026-12-07", toDay: "2026-12-07" });
    expect(await resolve({ period: "7" })).toMatchObject({ fromDay: "2026-12-01", toDay: "2026-12-07" });
    expect(await resolve({ period: "30", tz: "America/New_York" })).toMatchObject({
      fromDay: "2026-11-07",
      toDay: "2026-12-06",
      tz: "America/New_York",
    });
    const ninety = await resolve({ period: "90" });
    expect(ninety).toMatchObject({ fromDay: "2026-09-09", toDay: "2026-12-07", tz: "Europe/Moscow" });
    // Midnight in Moscow, not in UTC.
    expect(new Date(ninety.fromTs).toISOString()).toBe("2026-09-08T21:00:00.000Z");
  });

  it("takes period through the API and refuses it together with from/to, naming the field", async () => {
    const ok = await messages.GET(jsonRequest("/api/analytics/messages?period=7", { token: a.viewer.token }));
    expect(ok.status, await ok.clone().text()).toBe(200);
    const body = (await ok.json()) as ReportResult;
    expect(body.tz).toBe("Europe/Moscow");
    expect((Date.parse(body.to) - Date.parse(body.from)) / 86_400_000).toBe(6);

    const both = await messages.GET(
      jsonRequest("/api/analytics/messages?period=7&from=2026-11-01", { token: a.viewer.token }),
    );
    expect(both.status).toBe(400);
    expect(await both.text()).toContain("period");
    const bad = await messages.GET(jsonRequest("/api/analytics/messages?period=14", { token: a.viewer.token }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("period");
  });
});
