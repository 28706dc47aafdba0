import { csvText, type CsvColumns } from "@/lib/export/csv";
import type { LeadView } from "./lead-view";

// Seed 004's GET /dialogs/export-csv: one row per lead, as Excel opens it (UTF-8 with a BOM so Cyrillic is read
// right, CRLF, quotes doubled by csv-stringify).

export const CSV_MAX_ROWS = 50_000;

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
