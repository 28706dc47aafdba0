import { scope } from "../filters";
import { cols, defineReport, numeric } from "../report";

// The assistant's work, from what it already records: ai_runs (one row per AI call: kind, engine, model,
// outcome, latency, tokens), ai_drafts (decided in the period: approved as written when the message sent equals
// the draft, edited when the agent changed it, discarded), and its own messages (sender_type 'ai') in the
// message rollup. Cost is tokens × the list price of the model (USD per million tokens, below); the offline
// engine costs nothing, an unknown model has no cost.

const PRICES: Record<string, [input: number, output: number]> = {
  "gpt-4.1": [2, 8],
  "gpt-4.1-mini": [0.4, 1.6],
  "gpt-4.1-nano": [0.1, 0.4],
  "gpt-4o": [2.5, 10],
  "gpt-4o-mini": [0.15, 0.6],
  "gpt-5": [1.25, 10],
  "gpt-5-mini": [0.25, 2],
  "gpt-5-nano": [0.05, 0.4],
  "whisper-1": [0, 0],
  "gpt-4o-mini-tts": [0.6, 12],
  "text-embedding-3-small": [0.02, 0],
};

/** USD for these tokens, or null when the model's price is unknown. */
export function costOf(engine: string, model: string | null, prompt: number, completion: number): number | null {
  if (engine === "offline") return 0;
  const key = Object.keys(PRICES)
    .filter((k) => model === k || model?.startsWith(`${k}-20`))
    .sort((a, b) => b.length - a.length)[0];
  if (!key) return null;
  const [i, o] = PRICES[key];
  return (prompt * i + completion * o) / 1_000_000;
}

const tables = {
  totals: {
    columns: cols(
      "ai_replies drafts drafts_as_is drafts_edited drafts_discarded handoffs runs errors prompt_tokens completion_tokens cost_usd:money analysis_runs analysis_latency_avg_ms analysis_latency_p90_ms analysis_peak_per_minute",
    ),
  },
  models: {
    columns: cols(
      "kind:text engine:text model:text runs errors prompt_tokens completion_tokens cost_usd:money avg_latency_ms",
    ),
  },
  drafts: { columns: cols("bucket:date as_is edited discarded") },
  analysis: {
    columns: cols("bucket:date runs per_active_minute peak_per_minute latency_avg_ms latency_p90_ms errors"),
  },
};

export const aiReport = defineReport({
  id: "ai",
  tables,
  totals: "totals",
  async run(sql, f) {
    const s = scope(f);
    const inChannel = (conversationCol: string) =>
      `(${s.channel}::text is null or exists (select 1 from public.conversations cv join public.channels ch
         on ch.id = cv.channel_id where cv.id = ${conversationCol} and ${s.channelOk("ch")}))`;
    const runs = `public.ai_runs r where r.org_id = ${s.org} and r.created_at >= ${s.from} and r.created_at < ${s.to}
      and ${inChannel("r.conversation_id")}`;
    const models = await sql.query<Record<string, unknown>>(
      `select r.kind, r.engine, coalesce(r.model, '') as model, count(*) as runs,
              count(*) filter (where r.outcome in ('error', 'malformed')) as errors,
              count(*) filter (where r.outcome = 'handoff') as handoffs,
              sum(r.prompt_tokens) as prompt_tokens, sum(r.completion_tokens) as completion_tokens,
              round(avg(r.latency_ms)) as avg_latency_ms
         from ${runs} group by 1, 2, 3 order by runs desc`,
      s.p.values,
    );
    for (const m of models)
      m.cost_usd = costOf(
        String(m.engine),
        (m.model as string) || null,
        Number(m.prompt_tokens),
        Number(m.completion_tokens),
      );
    const analysis = await sql.query(
      `with a as (select r.* from ${runs} and r.kind = 'analysis'),
       minutes as (select date_trunc('minute', created_at) as minute, count(*) as n from a group by 1)
       select x.bucket, x.runs, round(x.runs::numeric / nullif(m.active, 0), 2) as per_active_minute,
              m.peak as peak_per_minute, x.latency_avg_ms, x.latency_p90_ms, x.errors
         from (
           select ${s.bucket("a.created_at")} as bucket, count(*) as runs, round(avg(a.latency_ms)) as latency_avg_ms,
                  percentile_cont(0.9) within group (order by a.latency_ms) as latency_p90_ms,
                  count(*) filter (where a.outcome in ('error', 'malformed')) as errors
             from a group by 1
         ) x
         left join (select ${s.bucket("minute")} as bucket, count(*) as active, max(n) as peak from minutes group by 1) m
           on m.bucket = x.bucket
        order by 1`,
      s.p.values,
    );
    const [analysisTotals] = await sql.query<Record<string, unknown>>(
      `with a as (select r.* from ${runs} and r.kind = 'analysis')
       select round(avg(latency_ms)) as avg, percentile_cont(0.9) within group (order by latency_ms) as p90,
              (select max(n) from (select count(*) as n from a group by date_trunc('minute', created_at)) m) as peak
         from a`,
      s.p.values,
    );
    const drafts = await sql.query<Record<string, unknown>>(
      `select ${s.bucket("dr.decided_at")} as bucket,
              count(*) filter (where dr.status = 'approved' and m.text is not distinct from dr.text) as as_is,
              count(*) filter (where dr.status = 'approved' and m.text is distinct from dr.text) as edited,
              count(*) filter (where dr.status = 'discarded') as discarded
         from public.ai_drafts dr left join public.messages m on m.id = dr.sent_message_id
        where dr.org_id = ${s.org} and dr.decided_at >= ${s.from} and dr.decided_at < ${s.to}
          and dr.status in ('approved', 'discarded') and ${inChannel("dr.conversation_id")}
        group by 1 order by 1`,
      s.p.values,
    );
    const [replies] = await sql.query<{ n: string }>(
      `select coalesce(sum(h.messages), 0) as n
         from public.analytics_message_counts h join public.channels ch on ch.id = h.channel_id
        where h.org_id = ${s.org} and h.hour >= ${s.from} and h.hour < ${s.to} and h.sender_type = 'ai'
          and ${s.channelOk("ch")}`,
      s.p.values,
    );
    const total = (rows: Record<string, unknown>[], k: string) => rows.reduce((t, r) => t + Number(r[k] ?? 0), 0);
    const costs = models.map((m) => m.cost_usd as number | null);
    const a = models.filter((m) => m.kind === "analysis");
    return {
      totals: numeric(
        [
          {
            ai_replies: Number(replies.n),
            drafts: total(drafts, "as_is") + total(drafts, "edited") + total(drafts, "discarded"),
            drafts_as_is: total(drafts, "as_is"),
            drafts_edited: total(drafts, "edited"),
            drafts_discarded: total(drafts, "discarded"),
            handoffs: total(models, "handoffs"),
            runs: total(models, "runs"),
            errors: total(models, "errors"),
            prompt_tokens: total(models, "prompt_tokens"),
            completion_tokens: total(models, "completion_tokens"),
            cost_usd: costs.some((c) => c !== null) ? costs.reduce<number>((t, c) => t + (c ?? 0), 0) : null,
            analysis_runs: total(a, "runs"),
            analysis_latency_avg_ms: analysisTotals?.avg ?? null,
            analysis_latency_p90_ms: analysisTotals?.p90 ?? null,
            analysis_peak_per_minute: analysisTotals?.peak ?? 0,
          },
        ],
        tables.totals.columns,
      ),
      models: numeric(models, tables.models.columns),
      drafts: numeric(drafts, tables.drafts.columns),
      analysis: numeric(analysis, tables.analysis.columns),
    };
  },
});
