import { platform, scope } from "../filters";
import { cols, defineReport, numeric } from "../report";

// Leads the analysis scored in the period (leads.analyzed_at), by interest level over time and by source (the
// channel's platform, else the lead's source: a call, a person, an import), their average score, and the
// scores' distribution in tens. Spam leads are left out.

const tables = {
  totals: { columns: cols("leads hot warm cold avg_score") },
  series: { columns: cols("bucket:date hot warm cold avg_score") },
  sources: { columns: cols("source:text leads hot warm cold avg_score") },
  distribution: { columns: cols("band:text from to leads") },
};

const levels = `count(*) as leads,
  count(*) filter (where l.interest_level = 'hot') as hot,
  count(*) filter (where l.interest_level = 'warm') as warm,
  count(*) filter (where l.interest_level = 'cold') as cold,
  round(avg(l.score), 1) as avg_score`;

export const leadQualityReport = defineReport({
  id: "lead-quality",
  tables,
  totals: "totals",
  async run(sql, f) {
    const s = scope(f);
    const from = `public.leads l left join public.channels ch on ch.id = l.channel_id
      where l.org_id = ${s.org} and l.analyzed_at >= ${s.from} and l.analyzed_at < ${s.to} and not l.is_spam
        and (${s.channel}::text is null or (ch.id is not null and ${s.channelOk("ch")}))`;
    const totals = await sql.query(`select ${levels} from ${from}`, s.p.values);
    const series = await sql.query(
      `select ${s.bucket("l.analyzed_at")} as bucket, ${levels} from ${from} group by 1 order by 1`,
      s.p.values,
    );
    const sources = await sql.query(
      `select coalesce(${platform("ch")}, l.source) as source, ${levels} from ${from} group by 1 order by leads desc`,
      s.p.values,
    );
    const bands = await sql.query<{ band: number; leads: string }>(
      `select least(l.score / 10, 9) as band, count(*) as leads from ${from} and l.score is not null group by 1`,
      s.p.values,
    );
    const distribution = Array.from({ length: 10 }, (_, i) => ({
      band: `${i * 10}–${i === 9 ? 100 : i * 10 + 9}`,
      from: i * 10,
      to: i === 9 ? 100 : i * 10 + 9,
      leads: Number(bands.find((b) => Number(b.band) === i)?.leads ?? 0),
    }));
    return {
      totals: numeric(totals, tables.totals.columns),
      series: numeric(series, tables.series.columns),
      sources: numeric(sources, tables.sources.columns),
      distribution: numeric(distribution, tables.distribution.columns),
    };
  },
});
