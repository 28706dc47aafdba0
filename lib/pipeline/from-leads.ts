import type { LeadAnalyzed, LeadAnalyzedStep } from "@/lib/dialogs/events";
import { notify } from "@/lib/assistant/notifications";
import { asService, type Sql } from "@/lib/db";
import { createDeal } from "./deals";
import { moveDeal } from "./moves";

// Seed 000's flow "extract data → create lead → assign pipeline → notify manager", as the dialog analysis's
// listener: a new qualified lead becomes a deal in each pipeline that asks for it (auto_create_deals), and an
// open deal follows the analysis's funnel stage forward (auto_move_deals), or, with that off, the AI suggests
// the move on the card. Never backwards, never out of a won or lost stage, never into a lost one without a
// person (who gives the reason). Idempotent: one deal per lead and pipeline, one pending suggestion per deal,
// the notice keyed on the deal.

/** Funnel stages at which a lead is worth a deal (seed 004: qualified or beyond, not lost). */
const WORTH_A_DEAL = new Set(["qualified", "consultation_booked", "consultation_completed", "deal_closed"]);

type Pipeline = { id: string; autoCreate: boolean; autoMove: boolean };
type Target = { id: string; name: string; kind: string; position: string };
type OpenDeal = { id: string; stageId: string; position: string; kind: string };
type Lead = {
  id: string;
  contactId: string;
  name: string | null;
  contactName: string;
  budgetAmount: string | null;
  budgetCurrency: string | null;
  analysis: { summary?: string; evidence?: { funnelStage?: string | null } } | null;
};

export const dealsFromLeadsStep: LeadAnalyzedStep = {
  name: "pipeline.deals-from-leads",
  run: (event) => syncDealsWithLead(event),
};

export async function syncDealsWithLead(event: LeadAnalyzed & { orgId: string }) {
  const stage = event.funnelStage;
  if (event.isSpam || !stage) return;
  const publish: (() => Promise<void>)[] = [];
  await asService(async (sql) => {
    const [lead] = await sql.query<Lead>(
      `select l.id, l.contact_id as "contactId", l.name, c.name as "contactName",
              l.budget_amount::text as "budgetAmount", l.budget_currency as "budgetCurrency", l.analysis
         from public.leads l join public.contacts c on c.id = l.contact_id
        where l.id = $1 and l.org_id = $2`,
      [event.leadId, event.orgId],
    );
    if (!lead) return;
    const pipelines = await sql.query<Pipeline>(
      `select id, auto_create_deals as "autoCreate", auto_move_deals as "autoMove" from public.pipelines
        where org_id = $1 order by is_default desc, created_at`,
      [event.orgId],
    );
    for (const pipeline of pipelines) {
      const [target] = await sql.query<Target>(
        "select id, name, kind, position::text as position from public.stages where pipeline_id = $1 and funnel_stage = $2",
        [pipeline.id, stage],
      );
      const [deal] = await sql.query<OpenDeal>(
        `select d.id, d.stage_id as "stageId", s.position::text as position, s.kind
           from public.deals d join public.stages s on s.id = d.stage_id
          where d.org_id = $1 and d.contact_id = $2 and d.pipeline_id = $3 and d.closed_at is null
          order by d.created_at desc, d.id desc limit 1`,
        [event.orgId, lead.contactId, pipeline.id],
      );
      const after = deal
        ? await follow(sql, event.orgId, pipeline, deal, target, lead)
        : await create(sql, event.orgId, pipeline, target, lead, stage);
      if (after) publish.push(after);
    }
  });
  for (const p of publish) await p();
}

async function create(
  sql: Sql,
  orgId: string,
  pipeline: Pipeline,
  target: Target | undefined,
  lead: Lead,
  stage: string,
) {
  if (!pipeline.autoCreate || !WORTH_A_DEAL.has(stage) || !target || target.kind === "lost") return undefined;
  // Once per lead and pipeline: a deal since won, lost or deleted is not made again by a later analysis.
  const [made] = await sql.query("select 1 from public.deals where pipeline_id = $1 and lead_id = $2", [
    pipeline.id,
    lead.id,
  ]);
  if (made) return undefined;
  const [owner] = await sql.query<{ id: string }>(
    `select cv.assignee_id as id from public.conversations cv
      where cv.org_id = $1 and cv.contact_id = $2 and cv.assignee_id is not null
      order by cv.last_message_at desc limit 1`,
    [orgId, lead.contactId],
  );
  const name = (lead.name || lead.contactName).trim();
  await sql.query("select set_config('relay.auto_moved', 'true', true)");
  const { deal, afterCommit } = await createDeal(
    sql,
    orgId,
    {
      title: name || "Lead",
      pipelineId: pipeline.id,
      stageId: target.id,
      contactId: lead.contactId,
      ownerId: owner?.id ?? null,
      amount: lead.budgetAmount,
      currency: lead.budgetCurrency ?? undefined,
    },
    { leadId: lead.id },
  );
  await sql.query("select set_config('relay.auto_moved', '', true)");
  const ru = await speaksRussian(sql, orgId, owner?.id ?? null);
  await notify(sql, {
    orgId,
    // Without an owner, the organisation's managers all see it.
    userId: owner?.id ?? null,
    kind: "deal",
    title: (ru ? `Новая сделка: ${deal.title}` : `New deal: ${deal.title}`).slice(0, 300),
    body: [target.name, lead.analysis?.summary].filter(Boolean).join(" · "),
    contactId: lead.contactId,
    dealId: deal.id,
    link: `/pipeline?deal=${deal.id}`,
    dedupeKey: `deal-from-lead:${deal.id}`,
  });
  return afterCommit;
}

async function follow(
  sql: Sql,
  orgId: string,
  pipeline: Pipeline,
  deal: OpenDeal,
  target: Target | undefined,
  lead: Lead,
) {
  // Forward only (stage keys compare byte-wise, as the database orders them), and only out of open stages.
  if (!target || target.id === deal.stageId || deal.kind !== "open" || !(target.position > deal.position))
    return undefined;
  if (pipeline.autoMove && target.kind !== "lost") {
    const { afterCommit } = await moveDeal(sql, orgId, deal.id, { stageId: target.id }, { auto: true });
    await sql.query(
      "update public.deal_suggestions set status = 'dismissed', decided_at = now() where deal_id = $1 and status = 'pending'",
      [deal.id],
    );
    return afterCommit;
  }
  const [dismissed] = await sql.query(
    "select 1 from public.deal_suggestions where deal_id = $1 and to_stage_id = $2 and status = 'dismissed'",
    [deal.id, target.id],
  );
  if (dismissed) return undefined;
  const reason = (lead.analysis?.evidence?.funnelStage || lead.analysis?.summary || "").slice(0, 1000);
  await sql.query(
    `insert into public.deal_suggestions (org_id, deal_id, to_stage_id, reason, lead_id) values ($1, $2, $3, $4, $5)
     on conflict (deal_id) where status = 'pending'
     do update set to_stage_id = excluded.to_stage_id, reason = excluded.reason, lead_id = excluded.lead_id`,
    [orgId, deal.id, target.id, reason, lead.id],
  );
  return undefined;
}

async function speaksRussian(sql: Sql, orgId: string, userId: string | null) {
  const [row] = await sql.query<{ locale: string | null }>(
    `select coalesce((select locale from public.profiles where id = $2),
                     (select p.locale from public.memberships m join public.profiles p on p.id = m.user_id
                       where m.org_id = $1 and m.role = 'owner' order by m.created_at limit 1)) as locale`,
    [orgId, userId],
  );
  return row?.locale === "ru";
}
