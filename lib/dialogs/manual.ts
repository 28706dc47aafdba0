import { z } from "zod";
import { FUNNEL_STAGES, type DialogAnalysis, type Qualification } from "@/lib/ai/analysis-schema";

// What a person set by hand on a lead (the drawer, PATCH /api/dialogs/leads/:id): stored in leads.manual with
// its values, laid over every later analysis so the model never undoes a manager's correction, and shown as
// "manual" beside the field.

const answer = z.string().trim().max(500).nullable();

export const manualSchema = z.object({
  funnelStage: z.enum(FUNNEL_STAGES).optional(),
  budget: z.string().max(200).nullable().optional(),
  isOwner: z.boolean().nullable().optional(),
  qualification: z.object({ q1: answer, q2: answer, q3: answer, q4: answer }).partial().optional(),
});
export type ManualFields = z.infer<typeof manualSchema>;

/** A stored leads.manual, tolerant of rows written by an older version. */
export function parseManual(raw: unknown): ManualFields {
  const parsed = manualSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** Names of the fields set by hand: funnelStage, budget, isOwner, qualification.q1 … q4. */
export function manualFieldNames(manual: ManualFields): string[] {
  const names = (["funnelStage", "budget", "isOwner"] as const).filter((k) => manual[k] !== undefined);
  const q = Object.keys(manual.qualification ?? {}).map((k) => `qualification.${k}`);
  return [...names, ...q.sort()];
}

/** Both sets of corrections, the newer winning field by field. */
export function mergeManual(older: ManualFields, newer: ManualFields): ManualFields {
  const merged: ManualFields = { ...older, ...newer };
  if (older.qualification || newer.qualification) {
    merged.qualification = { ...older.qualification, ...newer.qualification };
  }
  return merged;
}

/** The analysis with a person's corrections over it (what is stored, scored and shown). */
export function applyManual(analysis: DialogAnalysis, manual: ManualFields): DialogAnalysis {
  const out: DialogAnalysis = { ...analysis, qualification: { ...analysis.qualification } };
  if (manual.funnelStage !== undefined) out.funnelStage = manual.funnelStage;
  if (manual.isOwner !== undefined) out.isOwner = manual.isOwner;
  if (manual.budget !== undefined) {
    out.budget = manual.budget;
    out.budgetMentioned = Boolean(manual.budget?.trim());
  }
  for (const [k, v] of Object.entries(manual.qualification ?? {})) {
    if (v !== undefined) out.qualification[k as keyof Qualification] = v;
  }
  return out;
}
