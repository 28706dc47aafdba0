import { z } from "zod";
import { analyticsCsv } from "@/lib/analytics/export";
import { exportQuerySchema } from "@/lib/analytics/index";
import { clientsCsv, clientsExportQuerySchema, companiesCsv, companiesExportQuerySchema } from "@/lib/crm/export";
import type { Claims, Sql } from "@/lib/db";
import { leadsCsvSource, leadsExportQuerySchema } from "@/lib/dialogs/csv";
import { dealsCsv, dealsExportQuerySchema } from "@/lib/pipeline/deals-export";
import { tasksCsv, tasksExportQuerySchema } from "@/lib/tasks/export";
import { callsCsv, callsExportQuerySchema } from "@/lib/telephony/calls";
import type { CsvSource } from "./csv";

// Every export that can also run in the background: the streaming route's own query schema and the same
// producer it calls, so a file made by the job is the file the route would have sent.

type Producer<S extends z.ZodType> = (
  sql: Sql,
  claims: Claims,
  orgId: string,
  params: z.output<S>,
) => Promise<CsvSource>;
const kind = <S extends z.ZodType>(schema: S, produce: Producer<S>) => ({ schema, produce });

export const exportKinds = {
  contacts: kind(clientsExportQuerySchema, async (_sql, claims, orgId, p) => clientsCsv(claims, orgId, p)),
  companies: kind(companiesExportQuerySchema, async (_sql, claims, orgId, p) => companiesCsv(claims, orgId, p)),
  deals: kind(dealsExportQuerySchema, async (_sql, claims, orgId, p) => dealsCsv(claims, orgId, p)),
  tasks: kind(tasksExportQuerySchema, async (_sql, claims, orgId, p) => tasksCsv(claims, orgId, p)),
  calls: kind(callsExportQuerySchema, async (_sql, claims, orgId, p) => callsCsv(claims, orgId, p)),
  leads: kind(leadsExportQuerySchema, async (_sql, claims, orgId, p) => leadsCsvSource(claims, orgId, p)),
  analytics: kind(exportQuerySchema, (sql, claims, orgId, p) => analyticsCsv(sql, claims, orgId, p)),
};
export type ExportKind = keyof typeof exportKinds;
export const EXPORT_KINDS = Object.keys(exportKinds) as [ExportKind, ...ExportKind[]];

/**
 * POST /api/exports: the kind and the streaming route's query for it (the same strings its URL would carry), so
 * a bad filter is the same 400 naming the field (`body.params.from`) as the route's `query.from`.
 */
export const createExportBodySchema = z.object({
  kind: z.enum(EXPORT_KINDS),
  params: z
    .record(z.string().max(100), z.string().max(2000))
    .default({})
    .describe("The streaming export route's query parameters, as its URL would carry them"),
});
export const createExportSchema = createExportBodySchema.transform((body, ctx) => {
  const parsed = exportKinds[body.kind].schema.safeParse(body.params);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: "custom", path: ["params", ...issue.path], message: issue.message });
    return z.NEVER;
  }
  // The query as given is stored; the job parses it again with the same schema (defaults included).
  return body;
});

/** The producer of an export, its params parsed again as the route would (a stored request is input too). */
export function produceExport(sql: Sql, claims: Claims, orgId: string, kindName: ExportKind, params: unknown) {
  const k = exportKinds[kindName];
  const parsed = k.schema.parse(params);
  return (k.produce as Producer<z.ZodType>)(sql, claims, orgId, parsed);
}
