import type { Sql } from "@/lib/db";
import { platform, scope, type Filters } from "../filters";
import { cols, defineReport, numeric } from "../report";

// The funnel of the conversations that started in the period (analytics_conversations.created_at), by the
// channel they came through: how many of their contacts became a lead the analysis scored (leads.analyzed_at),
// a qualified lead (qualification complete, or a funnel stage from "qualified" on), got a deal, and won one.
// Steps are counted per contact and independently (a deal typed in by hand has no analysed lead), so a rate is
// against the step before it and may exceed 100% when people skip a step.

const steps = ["conversations", "leads", "qualified", "deals", "won"] as const;

const tables = {
  funnel: { columns: cols("step:text count rate_from_previous:percent rate_from_start:percent") },
  channels: {
    columns: cols(
      "platform:text conversations leads qualified deals won lead_rate:percent deal_rate:percent won_rate:percent",
    ),
  },
};

export const conversionReport = defineReport({
  id: "conversion-rates",
  tables,
  async run(sql, f) {
    const s = scope(f);
    const per = (await fromOutcomes(sql, f)) ? outcomesPerContact(s) : dealsPerContact(s, f);
    const rows = await sql.query<Record<string, unknown>>(
      `with c as (
         select distinct ${platform("ch")} as platform, c.contact_id
           from public.analytics_conversations c join public.channels ch on ch.id = c.channel_id
          where c.org_id = ${s.org} and c.created_at >= ${s.from} and c.created_at < ${s.to} and ${s.channelOk("ch")}
       ), per as (${per})
       select platform, count(*) as conversations, count(*) filter (where lead) as leads,
              count(*) filter (where qualified) as qualified, count(*) filter (where has_deal) as deals,
              count(*) filter (where won) as won
         from per group by platform order by conversations desc`,
      s.p.values,
    );
    const rate = (a: number, b: number) => (b > 0 ? Math.round((1000 * a) / b) / 10 : null);
    const channels = rows.map((r) => {
      const n = (k: string) => Number(r[k]);
      return {
        ...r,
        lead_rate: rate(n("leads"), n("conversations")),
        deal_rate: rate(n("deals"), n("conversations")),
        won_rate: rate(n("won"), n("conversations")),
      };
    });
    const total = (k: string) => rows.reduce((t, r) => t + Number(r[k]), 0);
    const funnel = steps.map((step, i) => ({
      step,
      count: total(step),
      rate_from_previous: i === 0 ? null : rate(total(step), total(steps[i - 1])),
      rate_from_start: rate(total(step), total("conversations")),
    }));
    return {
      funnel: numeric(funnel, tables.funnel.columns),
      channels: numeric(channels, tables.channels.columns),
    };
  },
});

/**
 * The unfiltered funnel of someone who sees every deal reads each contact's running outcome
 * (analytics_contact_outcomes, kept by triggers on deals and leads: one narrow row per contact, joined by hash);
 * a pipeline or member filter, or an own-deals-only viewer, counts from the deals they may see.
 */
async function fromOutcomes(sql: Sql, f: Filters) {
  if (f.pipelineId || f.memberId) return false;
  const [row] = await sql.query<{ ok: boolean }>("select $1::uuid in (select private.all_deals_org_ids()) as ok", [
    f.orgId,
  ]);
  return row.ok;
}

type Scope = ReturnType<typeof scope>;

const outcomesPerContact = (s: Scope) =>
  `select c.platform, c.contact_id, coalesce(o.lead, false) as lead, coalesce(o.qualified, false) as qualified,
          coalesce(o.deals > 0, false) as has_deal, coalesce(o.won > 0, false) as won
     from c left join public.analytics_contact_outcomes o on o.org_id = ${s.org} and o.contact_id = c.contact_id`;

function dealsPerContact(s: Scope, f: Filters) {
  const pipeline = s.p.add(f.pipelineId ?? null);
  const member = s.p.add(f.memberId ?? null);
  // The period's contacts' deals, each contact once: one pass over the deals instead of two index probes per
  // conversation.
  return `with dc as (
     select d.contact_id, bool_or(st.kind = 'won') as won
       from public.deals d left join public.stages st on st.id = d.stage_id
      where d.org_id = ${s.org} and d.contact_id in (select contact_id from c)
        and (${pipeline}::uuid is null or d.pipeline_id = ${pipeline}::uuid)
        and (${member}::uuid is null or d.owner_id = ${member}::uuid)
      group by d.contact_id
   )
   select c.platform, c.contact_id,
          l.analyzed_at is not null as lead,
          -- One definition of the step, with the outcomes' lead trigger (migration 20261212090000).
          coalesce(private.analytics_lead_qualified(l.analyzed_at, l.qualification_complete, l.funnel_stage), false)
            as qualified,
          dc.contact_id is not null as has_deal,
          coalesce(dc.won, false) as won
     from c left join public.leads l on l.org_id = ${s.org} and l.contact_id = c.contact_id
            left join dc on dc.contact_id = c.contact_id`;
}
