import type { z } from "zod";
import { withUser, type Claims } from "@/lib/db";
import { csvListSource, csvText, type CsvColumns, type CsvSource } from "@/lib/export/csv";
import type { LeadView } from "./lead-view";
import { checkAccount, leadsQuerySchema, listLeads } from "./queries";

// Seed 004's GET /dialogs/export-csv: one row per lead, as Excel opens it (UTF-8 with a BOM so Cyrillic is read
// right, CRLF, quotes doubled by csv-stringify).

export const CSV_MAX_ROWS = 50_000;
const PAGE = 500; // the list's own maximum page

export const leadsExportQuerySchema = leadsQuerySchema.omit({ limit: true, offset: true });

const COLUMNS: CsvColumns<LeadView> = [
  ["id", (l) => l.id],
  ["contact", (l) => l.contactName],
  ["name", (l) => l.name],
  ["phone", (l) => l.phone],
  ["source", (l) => l.source],
  ["channel", (l) => l.channelType],
  ["instance", (l) => l.instanceName],
  ["score", (l) => l.score],
  ["interest_level", (l) => l.interestLevel],
  ["funnel_stage", (l) => l.funnelStage],
  ["niche", (l) => l.niche],
  ["qualification_complete", (l) => l.qualificationComplete],
  ["q1", (l) => l.qualification?.q1 ?? null],
  ["q2", (l) => l.qualification?.q2 ?? null],
  ["q3", (l) => l.qualification?.q3 ?? null],
  ["q4", (l) => l.qualification?.q4 ?? null],
  ["is_owner", (l) => l.isOwner],
  ["role", (l) => l.role],
  ["budget", (l) => l.budget],
  ["budget_amount", (l) => l.budgetAmount],
  ["budget_currency", (l) => l.budgetCurrency],
  ["is_spam", (l) => l.isSpam],
  ["need", (l) => l.need],
  ["summary", (l) => l.summary],
  ["next_best_action", (l) => l.nextBestAction],
  ["score_reasons", (l) => l.scoreReasons.map((r) => `${r.label} ${r.points >= 0 ? "+" : ""}${r.points}`).join("; ")],
  ["engine", (l) => l.engine],
  ["model", (l) => l.model],
  ["incoming_messages", (l) => l.incomingCount],
  ["messages", (l) => l.messageCount],
  ["analyzed_at", (l) => l.analyzedAt],
  ["last_error", (l) => l.lastError],
];

export function leadsCsv(leads: LeadView[]): string {
  return csvText(
    COLUMNS.map(([header]) => header),
    leads.map((l) => COLUMNS.map(([, value]) => value(l))),
  );
}

/**
 * The leads the filters match (up to CSV_MAX_ROWS) as a CSV source, in the list's order: pages of the list, each
 * in its own short RLS transaction as the caller (the order ends with the id, so pages neither skip nor repeat).
 */
export function leadsCsvSource(claims: Claims, orgId: string, q: z.output<typeof leadsExportQuerySchema>): CsvSource {
  checkAccount(orgId, q.userAccountId);
  return csvListSource(
    "leads",
    COLUMNS,
    (cursor) =>
      withUser(claims, async (sql) => {
        const offset = Number(cursor ?? 0);
        const limit = Math.min(PAGE, CSV_MAX_ROWS - offset);
        const { results } = await listLeads(sql, orgId, { ...q, limit, offset });
        const next = offset + results.length;
        return { items: results, cursor: results.length === limit && next < CSV_MAX_ROWS ? String(next) : null };
      }),
    ",",
  );
}
