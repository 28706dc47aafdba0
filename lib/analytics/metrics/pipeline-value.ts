import { scope } from "../filters";
import { cols, defineReport, numeric } from "../report";

// Pipeline value. Open deals now (in a stage of kind open), by stage: their amount and the amount weighted by
// the stage's probability. Deals closed in the period (deals.closed_at, set by the deal trigger) as won or lost value over time, and the
// lost reasons. Time in stage and stage-to-stage conversion from analytics_stage_spells (one row per stay of a
// deal in a stage, from stage_history): the average stay of the stays that ended in the period, and of the
// deals that entered a stage in the period how many moved on to a later stage or a won one, back to an earlier
// one, or to a lost one. Amounts are per currency; the totals are in the organisation's main currency (the one
// most of its deals use).

const tables = {
  totals: {
    columns: cols(
      "currency:text open_deals open_value:money weighted_value:money won_deals won_value:money lost_deals lost_value:money",
    ),
  },
  stages: {
    columns: cols(
      "stage_id:id stage:text pipeline:text probability:percent currency:text deals value:money weighted:money",
    ),
  },
  closed: { columns: cols("bucket:date currency:text won_deals won_value:money lost_deals lost_value:money") },
  stageFlow: {
    columns: cols("stage_id:id stage:text pipeline:text avg_days entered advanced moved_back lost conversion:percent"),
  },
  lostReasons: { columns: cols("reason:text currency:text deals value:money") },
};

export const pipelineValueReport = defineReport({
  id: "pipeline-value",
  tables,
  totals: "totals",
  async run(sql, f) {
    const s = scope(f);
    const pipeline = s.p.add(f.pipelineId ?? null);
    const member = s.p.add(f.memberId ?? null);
    const dealOk = `(${pipeline}::uuid is null or d.pipeline_id = ${pipeline}::uuid)
      and (${member}::uuid is null or d.owner_id = ${member}::uuid)`;
    const stages = await sql.query<Record<string, unknown>>(
      // The board's running totals (public.deal_stage_totals, kept by a trigger on deals, per owner: an
      // own-deals-only viewer's RLS leaves their own), so the value shown matches the board's column sums; a few
      // rows per stage instead of every open deal. Weighting the sum equals summing the weighted amounts.
      `select st.id as stage_id, st.name as stage, p.name as pipeline, st.probability, x.currency,
              x.deals, x.value, x.value * st.probability / 100.0 as weighted
         from (select t.stage_id, t.pipeline_id, t.currency, sum(t.deals) as deals, sum(t.amount) as value
                 from public.deal_stage_totals t
                where t.org_id = ${s.org} and (${pipeline}::uuid is null or t.pipeline_id = ${pipeline}::uuid)
                  and (${member}::uuid is null or t.owner_id = ${member}::uuid)
                group by 1, 2, 3 having sum(t.deals) <> 0) x
         join public.stages st on st.id = x.stage_id and st.kind = 'open' join public.pipelines p on p.id = x.pipeline_id
        order by p.created_at, st.position, x.currency`,
      s.p.values,
    );
    const closedRows = await sql.query<Record<string, unknown>>(
      `select ${s.bucket("d.closed_at")} as bucket, d.currency,
              count(*) filter (where st.kind = 'won') as won_deals,
              coalesce(sum(d.amount) filter (where st.kind = 'won'), 0) as won_value,
              count(*) filter (where st.kind = 'lost') as lost_deals,
              coalesce(sum(d.amount) filter (where st.kind = 'lost'), 0) as lost_value
         from public.deals d join public.stages st on st.id = d.stage_id
        where d.org_id = ${s.org} and d.closed_at >= ${s.from} and d.closed_at < ${s.to} and ${dealOk}
        group by 1, 2 order by 1, 2`,
      s.p.values,
    );
    const flow = await sql.query(
      `with st as materialized (
         -- The organisation's few stages read once (and their policy checked once), joined by hash below.
         select id, name, position, kind, pipeline_id from public.stages where org_id = ${s.org}
       ), spells as (
         select sp.deal_id, sp.stage_id, sp.entered_at, sp.left_at, cur.position as cur_pos,
                nxt.position as next_pos, nxt.kind as next_kind
           from public.analytics_stage_spells sp
           join st cur on cur.id = sp.stage_id
           left join st nxt on nxt.id = sp.next_stage_id
          -- The stay's own pipeline, and the deal looked up only for a member filter: joining every deal
          -- (a hash of all of them) was most of this query's time. Which stays one may see is the stays' policy.
          where sp.org_id = ${s.org} and (${pipeline}::uuid is null or sp.pipeline_id = ${pipeline}::uuid)
            and (${member}::uuid is null
              or exists (select 1 from public.deals d where d.id = sp.deal_id and d.owner_id = ${member}::uuid))
            and ((sp.entered_at >= ${s.from} and sp.entered_at < ${s.to})
              or (sp.left_at >= ${s.from} and sp.left_at < ${s.to}))
       )
       select st.id as stage_id, st.name as stage, p.name as pipeline,
              round((avg(extract(epoch from x.left_at - x.entered_at))
                filter (where x.left_at >= ${s.from} and x.left_at < ${s.to}) / 86400)::numeric, 2) as avg_days,
              count(distinct x.deal_id) filter (where x.entered_at >= ${s.from} and x.entered_at < ${s.to}) as entered,
              count(distinct x.deal_id) filter (where x.entered_at >= ${s.from} and x.entered_at < ${s.to}
                and (x.next_kind = 'won' or (x.next_kind = 'open' and x.next_pos > x.cur_pos))) as advanced,
              count(distinct x.deal_id) filter (where x.entered_at >= ${s.from} and x.entered_at < ${s.to}
                and x.next_kind = 'open' and x.next_pos < x.cur_pos) as moved_back,
              count(distinct x.deal_id) filter (where x.entered_at >= ${s.from} and x.entered_at < ${s.to}
                and x.next_kind = 'lost') as lost
         from spells x join st on st.id = x.stage_id join public.pipelines p on p.id = st.pipeline_id
        where st.kind = 'open'
        group by st.id, st.name, p.name, p.created_at, st.position
        order by p.created_at, st.position`,
      s.p.values,
    );
    const lostReasons = await sql.query(
      `select coalesce(nullif(trim(d.lost_reason), ''), '—') as reason, d.currency, count(*) as deals,
              coalesce(sum(d.amount), 0) as value
         from public.deals d join public.stages st on st.id = d.stage_id
        where d.org_id = ${s.org} and st.kind = 'lost' and d.closed_at >= ${s.from} and d.closed_at < ${s.to} and ${dealOk}
        group by 1, 2 order by deals desc, reason`,
      s.p.values,
    );
    const count = new Map<string, number>();
    for (const r of [...stages, ...closedRows])
      count.set(
        String(r.currency),
        (count.get(String(r.currency)) ?? 0) +
          Number(r.deals ?? 0) +
          Number(r.won_deals ?? 0) +
          Number(r.lost_deals ?? 0),
      );
    const currency = [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    const sum = (rows: Record<string, unknown>[], k: string) =>
      rows.filter((r) => r.currency === currency).reduce((t, r) => t + Number(r[k]), 0);
    const stageFlow = flow.map((r) => {
      const x = r as Record<string, unknown>;
      const entered = Number(x.entered);
      return { ...x, conversion: entered ? Math.round((1000 * Number(x.advanced)) / entered) / 10 : null };
    });
    return {
      totals: numeric(
        [
          {
            currency,
            open_deals: sum(stages, "deals"),
            open_value: sum(stages, "value"),
            weighted_value: sum(stages, "weighted"),
            won_deals: sum(closedRows, "won_deals"),
            won_value: sum(closedRows, "won_value"),
            lost_deals: sum(closedRows, "lost_deals"),
            lost_value: sum(closedRows, "lost_value"),
          },
        ],
        tables.totals.columns,
      ),
      stages: numeric(stages, tables.stages.columns),
      closed: numeric(closedRows, tables.closed.columns),
      stageFlow: numeric(stageFlow, tables.stageFlow.columns),
      lostReasons: numeric(lostReasons, tables.lostReasons.columns),
    };
  },
});
