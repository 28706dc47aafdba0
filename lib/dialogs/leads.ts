import { z } from "zod";
import { FUNNEL_STAGES, isQualificationComplete, storedDialogAnalysisSchema } from "@/lib/ai/analysis-schema";
import { scoreDialog, type ScoringPreset } from "@/lib/ai/scoring";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { parseBudgetText } from "@/lib/ai/offline/budget";
import { normalizePhone } from "@/lib/inbox/phone";
import { applyManual, mergeManual, parseManual, type ManualFields } from "./manual";
import { getLead } from "./queries";
import { scoringInputOf } from "./rescore";
import type { LeadView } from "./lead-view";

// Seed 004's POST /dialogs/leads and PATCH /dialogs/leads/:id: leads a person types in or corrects.

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  text(max)
    .nullable()
    .optional()
    .transform((v) => (v === "" ? null : v));

export const createLeadSchema = z.object({
  /** Accepted for seed 004's clients: must be the active organisation's id. */
  userAccountId: z.uuid().optional(),
  name: text(200).min(1),
  phone: optionalText(50),
  /** An existing contact; without it a contact is created from name and phone. */
  contactId: z.uuid().optional(),
  need: optionalText(2000),
  budget: optionalText(200),
  funnelStage: z.enum(FUNNEL_STAGES).default("new_lead"),
});
export type CreateLead = z.output<typeof createLeadSchema>;

const answer = z
  .string()
  .trim()
  .max(500)
  .nullable()
  .transform((v) => (v === "" ? null : v));

export const updateLeadSchema = z
  .object({
    /** Accepted for seed 004's clients: must be the active organisation's id. */
    userAccountId: z.uuid().optional(),
    name: text(200).min(1).optional(),
    phone: optionalText(50),
    need: optionalText(2000),
    /** Kept over later analyses (marked manual), as are funnelStage, isOwner and qualification answers. */
    budget: optionalText(200),
    funnelStage: z.enum(FUNNEL_STAGES).optional(),
    /** Whether the client owns the business / decides (seed 004's "Владелец +10"); null: unknown. */
    isOwner: z.boolean().nullable().optional(),
    /** Answers to the organisation's qualification questions; null clears one. */
    qualification: z.object({ q1: answer, q2: answer, q3: answer, q4: answer }).partial().optional(),
  })
  .refine((b) => Object.entries(b).some(([k, v]) => k !== "userAccountId" && v !== undefined), {
    message: "nothing to change",
  });
export type UpdateLead = z.output<typeof updateLeadSchema>;

/** A lead without an analysis is scored from what a person can state: its stage and whether a budget is named. */
function scoreManual(row: ScoringRow & { manual?: unknown }, preset: ScoringPreset) {
  const input = scoringInputOf(row);
  return input ? scoreDialog(input, preset) : undefined;
}
type ScoringRow = { analysis: Record<string, unknown> | null; funnel_stage: string | null; budget: string | null };

export async function createLead(sql: Sql, orgId: string, body: CreateLead, preset: ScoringPreset): Promise<LeadView> {
  let contactId = body.contactId;
  let phone = body.phone ?? null;
  if (contactId) {
    const [contact] = await sql.query<{ phone: string | null }>(
      "select phone from public.contacts where org_id = $1 and id = $2",
      [orgId, contactId],
    );
    if (!contact) throw new ApiError("not_found", "contactId: no such contact");
    // The lead shows the contact's number unless another one was typed for it.
    phone = body.phone ?? contact.phone;
    const [existing] = await sql.query<{ id: string }>(
      "select id from public.leads where org_id = $1 and contact_id = $2",
      [orgId, contactId],
    );
    if (existing) {
      throw new ApiError("conflict", "this contact already has a lead: edit it instead", { leadId: existing.id });
    }
  } else {
    const [contact] = await sql.query<{ id: string }>(
      "insert into public.contacts (org_id, name, phone) values ($1, $2, $3) returning id",
      [orgId, body.name, normalizePhone(body.phone) ?? null],
    );
    contactId = contact.id;
  }
  const scored = scoreManual({ analysis: null, funnel_stage: body.funnelStage, budget: body.budget ?? null }, preset)!;
  // The typed budget is kept as written; its amount and currency are read from it as from a client's words.
  const money = parseBudgetText(body.budget);
  const [lead] = await sql.query<{ id: string }>(
    `insert into public.leads (org_id, contact_id, source, name, phone, need, budget, score, interest_level,
       funnel_stage, score_reasons, engine, budget_amount, budget_currency, manual)
     values ($1, $2, 'manual', $3, $4, $5, $6, $7, $8, $9, $10::jsonb, 'manual', $11, $12, $13::jsonb)
     returning id`,
    [
      orgId,
      contactId,
      body.name,
      phone,
      body.need ?? null,
      body.budget ?? null,
      scored.score,
      scored.interestLevel,
      body.funnelStage,
      JSON.stringify(scored.reasons),
      money?.amount ?? null,
      money?.currency ?? null,
      // What the person typed is theirs; a stage left at "new lead" is the analysis's to move.
      JSON.stringify({
        ...(body.budget ? { budget: body.budget } : {}),
        ...(body.funnelStage !== "new_lead" ? { funnelStage: body.funnelStage } : {}),
      }),
    ],
  );
  return getLead(sql, orgId, lead.id);
}

/** The corrections a patch makes that must survive the next analysis. */
function manualOf(body: UpdateLead): ManualFields {
  const manual: ManualFields = {};
  if (body.funnelStage !== undefined) manual.funnelStage = body.funnelStage;
  if (body.budget !== undefined) manual.budget = body.budget;
  if (body.isOwner !== undefined) manual.isOwner = body.isOwner;
  if (body.qualification && Object.keys(body.qualification).length) manual.qualification = body.qualification;
  return manual;
}

export async function updateLead(
  sql: Sql,
  orgId: string,
  id: string,
  body: UpdateLead,
  preset: ScoringPreset,
): Promise<LeadView> {
  const [current] = await sql.query<ScoringRow & { manual: unknown }>(
    "select analysis, funnel_stage, budget, manual from public.leads where org_id = $1 and id = $2 for update",
    [orgId, id],
  );
  if (!current) throw new ApiError("not_found", "no lead with this id");
  const manual = mergeManual(parseManual(current.manual), manualOf(body));
  const stored = current.analysis ? storedDialogAnalysisSchema.safeParse(current.analysis) : undefined;
  const analysis = stored?.success ? applyManual(stored.data, manual) : current.analysis;
  const q = stored?.success
    ? applyManual(stored.data, manual).qualification
    : { q1: null, q2: null, q3: null, q4: null, ...manual.qualification };
  const [row] = await sql.query<ScoringRow & { manual: unknown }>(
    `update public.leads set name = coalesce($3, name),
            phone = case when $4 then $5 else phone end,
            need = case when $6 then $7 else need end,
            budget = case when $8 then $9 else budget end,
            budget_amount = case when $8 then $14 else budget_amount end,
            budget_currency = case when $8 then $15 else budget_currency end,
            funnel_stage = coalesce($10, funnel_stage),
            manual = $11::jsonb, analysis = $12::jsonb, qualification_complete = $13
      where org_id = $1 and id = $2
      returning analysis, funnel_stage, budget, manual`,
    [
      orgId,
      id,
      body.name ?? null,
      body.phone !== undefined,
      body.phone ?? null,
      body.need !== undefined,
      body.need ?? null,
      body.budget !== undefined,
      body.budget ?? null,
      body.funnelStage ?? null,
      JSON.stringify(manual),
      analysis === null ? null : JSON.stringify(analysis),
      isQualificationComplete({ q1: q.q1 ?? null, q2: q.q2 ?? null, q3: q.q3 ?? null, q4: q.q4 ?? null }),
      parseBudgetText(body.budget)?.amount ?? null,
      parseBudgetText(body.budget)?.currency ?? null,
    ],
  );
  const scored = scoreManual(row, preset);
  if (scored) {
    await sql.query(
      `update public.leads set score = $3, interest_level = $4, score_reasons = $5::jsonb
        where org_id = $1 and id = $2`,
      [orgId, id, scored.score, scored.interestLevel, JSON.stringify(scored.reasons)],
    );
  }
  return getLead(sql, orgId, id);
}
