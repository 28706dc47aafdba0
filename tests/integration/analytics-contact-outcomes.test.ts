import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import * as conversion from "@/app/api/analytics/conversion-rates/route";
import type { ReportResult } from "@/lib/analytics/report";
import { asService, withUser, type Sql } from "@/lib/db";
import { describeEachDb } from "../helpers/db";
import { conversationAt, reportAs, type AnalyticsConversation } from "../helpers/analytics";
import { team as makeTeam } from "../helpers/inbox";

// The conversion funnel of someone who sees every deal reads each contact's running outcome
// (analytics_contact_outcomes, kept by triggers on deals, stages and leads); a pipeline filter counts from the
// deals. With one pipeline both must give the same funnel after every kind of change, and the running rows
// must equal the outcomes recomputed from the deals and leads.

type Team = Awaited<ReturnType<typeof makeTeam>>;
const WEEK = "from=2026-11-02&to=2026-11-08&tz=UTC";

const funnel = (r: ReportResult) => Object.fromEntries(r.tables.funnel.rows.map((s) => [s.step, s.count]));

async function orgOf(sql: Sql, userId: string) {
  const [row] = await sql.query<{ org_id: string }>("select org_id from public.memberships where user_id = $1", [
    userId,
  ]);
  return row.org_id;
}

/** The outcomes as the rebuild computes them from the deals and leads, beside the running rows. */
async function outcomes(org: string) {
  return asService(async (sql) => {
    const running = await sql.query(
      `select contact_id, deals, won, lead, qualified from public.analytics_contact_outcomes
        where org_id = $1 and (deals <> 0 or won <> 0 or lead or qualified) order by contact_id`,
      [org],
    );
    const recomputed = await sql.query(
      `select c.id as contact_id,
              (select count(*)::int from public.deals d where d.contact_id = c.id) as deals,
              (select count(*)::int from public.deals d join public.stages st on st.id = d.stage_id
                where d.contact_id = c.id and st.kind = 'won') as won,
              coalesce(l.analyzed_at is not null, false) as lead,
              coalesce(l.analyzed_at is not null and (l.qualification_complete or l.funnel_stage = 'qualified'), false)
                as qualified
         from public.contacts c left join public.leads l on l.contact_id = c.id
        where c.org_id = $1
          and (exists (select 1 from public.deals d where d.contact_id = c.id) or l.analyzed_at is not null)
        order by c.id`,
      [org],
    );
    return { running, recomputed };
  });
}

describeEachDb("analytics contact outcomes", () => {
  let a: Team;
  let org: string;
  let pipelineId: string;
  let stages: Record<string, string>;
  let c: AnalyticsConversation[];

  const deal = (contactId: string | null, stage: string, ownerId: string | null = null) =>
    asService(async (s) => {
      const [d] = await s.query<{ id: string }>(
        `insert into public.deals (org_id, pipeline_id, stage_id, title, contact_id, owner_id, position)
         values ($1, $2, $3, 'Deal', $4, $5, $6) returning id`,
        [org, pipelineId, stages[stage], contactId, ownerId, `a${randomBytes(8).toString("hex")}`],
      );
      return d.id;
    });
  const move = (id: string, stage: string) =>
    asService((s) => s.query("update public.deals set stage_id = $2 where id = $1", [id, stages[stage]]));

  /** Both paths give `expected`, and the running rows equal the recomputed ones. */
  async function expectFunnel(expected: Record<string, number>) {
    const viaOutcomes = funnel(await reportAs(conversion, a.owner.token, WEEK));
    const viaDeals = funnel(await reportAs(conversion, a.owner.token, `${WEEK}&pipelineId=${pipelineId}`));
    expect(viaOutcomes).toEqual({ conversations: 4, ...expected });
    expect(viaDeals).toEqual(viaOutcomes);
    const { running, recomputed } = await outcomes(org);
    expect(running).toEqual(recomputed);
  }

  beforeAll(async () => {
    a = await makeTeam("aco", "Outcome Analytics");
    await asService(async (s) => {
      org = await orgOf(s, a.owner.userId);
      const [ch] = await s.query<{ id: string }>(
        "insert into public.channels (org_id, type, name) values ($1, 'telegram', 'Bot') returning id",
        [org],
      );
      c = [];
      for (const [i, name] of ["Анна", "Борис", "Вера", "Гоша"].entries())
        c.push(await conversationAt(s, org, ch.id, name, `2026-11-0${i + 3}T10:00:00Z`));
      const [p] = await s.query<{ id: string }>("select id from public.pipelines where org_id = $1 and is_default", [
        org,
      ]);
      pipelineId = p.id;
      const st = await s.query<{ id: string; name: string }>(
        "select id, name from public.stages where pipeline_id = $1",
        [pipelineId],
      );
      stages = Object.fromEntries(st.map((x) => [x.name, x.id]));
    });
  });

  it("counts a contact's deals and won deals through moves, re-linking, deletion and a stage's kind", async () => {
    await expectFunnel({ leads: 0, qualified: 0, deals: 0, won: 0 });
    const first = await deal(c[0].contactId, "New lead");
    await expectFunnel({ leads: 0, qualified: 0, deals: 1, won: 0 });
    await move(first, "Qualified");
    await move(first, "Won");
    // A second deal of the same contact: the contact is counted once.
    const second = await deal(c[0].contactId, "Qualified");
    await deal(null, "Won");
    await expectFunnel({ leads: 0, qualified: 0, deals: 1, won: 1 });
    // The won deal moved to another contact, then back out of the won stage.
    await asService((s) => s.query("update public.deals set contact_id = $2 where id = $1", [first, c[1].contactId]));
    await expectFunnel({ leads: 0, qualified: 0, deals: 2, won: 1 });
    await move(first, "Lost");
    await expectFunnel({ leads: 0, qualified: 0, deals: 2, won: 0 });
    await move(second, "Won");
    // The won stage no longer counted as won, then counted again: every deal in it follows.
    await asService((s) => s.query("update public.stages set kind = 'open' where id = $1", [stages.Won]));
    await expectFunnel({ leads: 0, qualified: 0, deals: 2, won: 0 });
    await asService((s) => s.query("update public.stages set kind = 'won' where id = $1", [stages.Won]));
    await expectFunnel({ leads: 0, qualified: 0, deals: 2, won: 1 });
    await asService((s) => s.query("delete from public.deals where id = $1", [second]));
    await expectFunnel({ leads: 0, qualified: 0, deals: 1, won: 0 });
  });

  it("follows a contact's lead as it is analysed, qualified and removed", async () => {
    const lead = (contactId: string) =>
      asService(async (s) => {
        const [l] = await s.query<{ id: string }>(
          "insert into public.leads (org_id, contact_id) values ($1, $2) returning id",
          [org, contactId],
        );
        return l.id;
      });
    const set = (id: string, patch: string) =>
      asService((s) => s.query(`update public.leads set ${patch} where id = $1`, [id]));
    const l2 = await lead(c[2].contactId);
    await expectFunnel({ leads: 0, qualified: 0, deals: 1, won: 0 });
    await set(l2, "analyzed_at = now()");
    await expectFunnel({ leads: 1, qualified: 0, deals: 1, won: 0 });
    await set(l2, "funnel_stage = 'qualified'");
    const l3 = await lead(c[3].contactId);
    await set(l3, "analyzed_at = now(), qualification_complete = true");
    await expectFunnel({ leads: 2, qualified: 2, deals: 1, won: 0 });
    await set(l2, "funnel_stage = 'new_lead'");
    await asService((s) => s.query("delete from public.leads where id = $1", [l3]));
    await expectFunnel({ leads: 1, qualified: 0, deals: 1, won: 0 });
  });

  it("is read only by those who see every deal: an own-deals-only viewer counts their own deals", async () => {
    await deal(c[3].contactId, "Won", a.viewer.userId);
    await expectFunnel({ leads: 1, qualified: 0, deals: 2, won: 1 });
    await asService((s) =>
      s.query(
        `insert into public.crm_settings (org_id, own_deals_only) values ($1, true)
         on conflict (org_id) do update set own_deals_only = true`,
        [org],
      ),
    );
    try {
      const seen = await withUser({ sub: a.viewer.userId, role: "authenticated" }, (s) =>
        s.query("select 1 from public.analytics_contact_outcomes"),
      );
      expect(seen).toEqual([]);
      expect(funnel(await reportAs(conversion, a.viewer.token, WEEK))).toEqual({
        conversations: 4,
        leads: 1,
        qualified: 0,
        deals: 1,
        won: 1,
      });
    } finally {
      await asService((s) => s.query("update public.crm_settings set own_deals_only = false where org_id = $1", [org]));
    }
    // Another organisation's members read none of these rows.
    const other = await makeTeam("aco2", "Other Outcomes");
    const foreign = await withUser({ sub: other.owner.userId, role: "authenticated" }, (s) =>
      s.query("select 1 from public.analytics_contact_outcomes"),
    );
    expect(foreign).toEqual([]);
  });

  it("lets a contact and a whole organisation be deleted, taking their rows", async () => {
    await asService((s) => s.query("delete from public.contacts where id = $1", [c[1].contactId]));
    const { running, recomputed } = await outcomes(org);
    expect(running).toEqual(recomputed);
    expect(running.map((r) => (r as { contact_id: string }).contact_id)).not.toContain(c[1].contactId);
    await asService((s) => s.query("delete from public.organizations where id = $1", [org]));
    const [left] = await asService((s) =>
      s.query<{ n: number }>("select count(*)::int as n from public.analytics_contact_outcomes where org_id = $1", [
        org,
      ]),
    );
    expect(left.n).toBe(0);
  });
});
