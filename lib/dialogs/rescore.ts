import { FUNNEL_STAGES, storedDialogAnalysisSchema, type FunnelStage } from "@/lib/ai/analysis-schema";
import { scoreDialog, type ScoreResult, type ScoringInput, type ScoringPreset } from "@/lib/ai/scoring";
import type { Sql } from "@/lib/db";
import { parseManual } from "./manual";

type Row = {
  id: string;
  analysis: Record<string, unknown> | null;
  funnel_stage: string | null;
  budget: string | null;
  manual?: unknown;
};

/**
 * What scoring reads from a stored lead: its analysis (a person's corrections are already laid over it), or
 * (a lead typed in by hand) its stage, budget and what a person said about owner and qualification.
 */
export function scoringInputOf(
  row: Pick<Row, "analysis" | "funnel_stage" | "budget" | "manual">,
): ScoringInput | undefined {
  const parsed = row.analysis ? storedDialogAnalysisSchema.safeParse(row.analysis) : undefined;
  const stage = (FUNNEL_STAGES as readonly string[]).includes(row.funnel_stage ?? "")
    ? (row.funnel_stage as FunnelStage)
    : undefined;
  // A person's stage (PATCH) wins over the model's: the manager knows the deal closed.
  if (parsed?.success) return { ...parsed.data, funnelStage: stage ?? parsed.data.funnelStage };
  if (!stage) return undefined;
  const manual = parseManual(row.manual);
  const q = manual.qualification;
  return {
    funnelStage: stage,
    budgetMentioned: Boolean(row.budget?.trim()),
    ...(manual.isOwner !== undefined && { isOwner: manual.isOwner }),
    ...(q && { qualification: { q1: q.q1 ?? null, q2: q.q2 ?? null, q3: q.q3 ?? null, q4: q.q4 ?? null } }),
  };
}

/**
 * Recomputes score, interest level and reasons of every lead of the organisation from what is stored, with
 * this preset; no model call. Called when Settings → AI saves a new scoring preset. Returns how many changed.
 */
export async function rescoreLeads(sql: Sql, orgId: string, preset: ScoringPreset): Promise<number> {
  const rows = await sql.query<Row>(
    "select id, analysis, funnel_stage, budget, manual from public.leads where org_id = $1 and (analysis is not null or funnel_stage is not null)",
    [orgId],
  );
  const updates: { id: string; s: ScoreResult }[] = [];
  for (const row of rows) {
    const input = scoringInputOf(row);
    if (input) updates.push({ id: row.id, s: scoreDialog(input, preset) });
  }
  if (!updates.length) return 0;
  // One statement for all of them: an organisation may have thousands of leads.
  const changed = await sql.query<{ id: string }>(
    `update public.leads l set score = u.score, interest_level = u.interest_level, score_reasons = u.reasons
       from jsonb_to_recordset($2::jsonb) as u(id uuid, score int, interest_level text, reasons jsonb)
      where l.org_id = $1 and l.id = u.id
        and (l.score is distinct from u.score or l.interest_level is distinct from u.interest_level
             or l.score_reasons is distinct from u.reasons)
      returning l.id`,
    [
      orgId,
      JSON.stringify(
        updates.map(({ id, s }) => ({ id, score: s.score, interest_level: s.interestLevel, reasons: s.reasons })),
      ),
    ],
  );
  return changed.length;
}
