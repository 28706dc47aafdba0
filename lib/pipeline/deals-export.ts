import type { z } from "zod";
import { withUser, type Claims } from "@/lib/db";
import { csvDelimiterParam, csvListSource, type CsvColumns, type CsvSource } from "@/lib/export/csv";
import type { DealView } from "./deals";
import { dealsQuerySchema, listDeals } from "./deals-list";

// The deals list as a streamed CSV with the list's filters and sort, through the shared streamer (BOM,
// separator, formula-looking cells neutralised): each page is read in its own short RLS transaction as the
// caller, so the file never sits in memory and no transaction stays open while the client downloads.

const PAGE = 200; // the list's own maximum page

export const dealsExportQuerySchema = dealsQuerySchema
  .omit({ cursor: true, limit: true })
  .extend({ delimiter: csvDelimiterParam });

type Names = Map<string, string>;
// Stage and pipeline by name, read once with the first page.
const columns = (names: () => { stages: Names; pipelines: Names }): CsvColumns<DealView> => [
  ["id", (d) => d.id],
  ["title", (d) => d.title],
  ["pipeline", (d) => names().pipelines.get(d.pipelineId) ?? null],
  ["stage", (d) => names().stages.get(d.stageId) ?? null],
  ["amount", (d) => d.amount],
  ["currency", (d) => d.currency],
  ["contact", (d) => d.contactName],
  ["company", (d) => d.companyName],
  ["owner", (d) => d.ownerName],
  ["tags", (d) => d.tags.join(", ")],
  ["lost_reason", (d) => d.lostReason],
  ["lead_score", (d) => d.leadScore],
  ["interest", (d) => d.interestLevel],
  ["stage_entered_at", (d) => d.stageEnteredAt],
  ["closed_at", (d) => d.closedAt],
  ["created_at", (d) => d.createdAt],
];

export function dealsCsv(claims: Claims, orgId: string, query: z.output<typeof dealsExportQuerySchema>): CsvSource {
  const { delimiter, ...filters } = query;
  let names: { stages: Names; pipelines: Names } | undefined;
  return csvListSource(
    "deals",
    columns(() => names!),
    (cursor) =>
      withUser(claims, async (sql) => {
        if (!names) {
          const rows = await sql.query<{ kind: "stage" | "pipeline"; id: string; name: string }>(
            `select 'stage' as kind, id, name from public.stages where org_id = $1
             union all select 'pipeline', id, name from public.pipelines where org_id = $1`,
            [orgId],
          );
          names = { stages: new Map(), pipelines: new Map() };
          for (const r of rows) (r.kind === "stage" ? names.stages : names.pipelines).set(r.id, r.name);
        }
        const page = await listDeals(sql, { ...filters, cursor: cursor ?? undefined, limit: PAGE });
        return { items: page.deals, cursor: page.nextCursor };
      }),
    delimiter,
  );
}
