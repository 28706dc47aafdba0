import { z } from "zod";
import type { Sql } from "@/lib/db";
import {
  analyticsQueryShape,
  checkRange,
  compacting,
  previousPeriod,
  resolveFilters,
  type AnalyticsQuery,
} from "./filters";
import { aiReport } from "./metrics/ai";
import { callsReport } from "./metrics/calls";
import { conversionReport } from "./metrics/conversion";
import { leadQualityReport } from "./metrics/lead-quality";
import { messagesReport } from "./metrics/messages";
import { pipelineValueReport } from "./metrics/pipeline-value";
import { popularQuestionsReport } from "./metrics/popular-questions";
import { responseTimesReport } from "./metrics/response-times";
import { teamReport } from "./metrics/team";
import { bucketsOf, type ReportDef, type ReportResult } from "./report";

/** Every report, by the last segment of its route (/api/analytics/<id>). */
export const reports = {
  "conversion-rates": conversionReport,
  "pipeline-value": pipelineValueReport,
  "team-performance": teamReport,
  messages: messagesReport,
  "response-times": responseTimesReport,
  "lead-quality": leadQualityReport,
  calls: callsReport,
  ai: aiReport,
  "popular-questions": popularQuestionsReport,
} as const satisfies Record<string, ReportDef>;
export type ReportId = keyof typeof reports;
export const reportIds = Object.keys(reports) as [ReportId, ...ReportId[]];

export { analyticsQuerySchema } from "./filters";
export { reportSchema } from "./report";

/**
 * A report's statements are short but, with row-level security's subplans, costed high enough that PostgreSQL
 * JIT-compiles them (jit_above_cost): on the bench that compile was most of a report's time (the stage-flow
 * statement 607 ms with JIT, 36 ms without). `set local`: only for the rest of the caller's transaction.
 */
export async function noJit(sql: Sql) {
  await sql.query("set local jit = off");
}

/**
 * The messages report de-duplicates 50,000-100,000 conversation-days of a 90-day period: with the default 4 MB
 * the sort went to disk (external merge) and the de-duplication could not hash. `set local`: this transaction.
 */
async function reportMemory(sql: Sql) {
  await sql.query("set local work_mem = '32MB'");
}

/** Runs one report for the caller's organisation (RLS applies through `sql`), with the previous period's totals. */
export async function runReport(sql: Sql, orgId: string, id: ReportId, q: AnalyticsQuery): Promise<ReportResult> {
  const def: ReportDef = reports[id];
  await noJit(sql);
  await reportMemory(sql);
  const f = await resolveFilters(sql, orgId, q);
  const tables = await def.run(compacting(sql), f);
  const result: ReportResult = {
    report: id,
    from: f.fromDay,
    to: f.toDay,
    tz: f.tz,
    interval: f.interval,
    buckets: bucketsOf(f.fromDay, f.toDay, f.interval),
    tables: Object.fromEntries(
      Object.entries(def.tables).map(([name, t]) => [name, { columns: t.columns, rows: tables[name] ?? [] }]),
    ),
  };
  if (q.compare && def.totals) {
    const prev = await previousPeriod(sql, f);
    const prevTables = await def.run(compacting(sql), prev, { totalsOnly: true });
    result.previous = { from: prev.fromDay, to: prev.toDay, totals: prevTables[def.totals]?.[0] ?? null };
  }
  return result;
}

export const exportQuerySchema = z
  .object({
    ...analyticsQueryShape,
    report: z
      .enum([...reportIds, "conversations"])
      .describe("A report, or `conversations`: every conversation of the period with its messages"),
    table: z.string().max(40).optional().describe("The report's table (default: its first)"),
    sep: z.enum([",", ";"]).default(",").describe("Field separator: `;` for Excel in locales with a decimal comma"),
  })
  .superRefine(checkRange);
export type ExportQuery = z.infer<typeof exportQuerySchema>;
