import { createHash } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { notify } from "@/lib/assistant/notifications";
import type { Sql } from "@/lib/db";
import { env } from "@/lib/env";
import { sendMessage } from "@/lib/inbox/outbox";
import { enqueue } from "@/lib/jobs/enqueue";
import { moveDeal } from "@/lib/pipeline/moves";
import { createTask } from "@/lib/tasks/create";
import type { DealFacts } from "./conditions";
import type { Action } from "./schema";
import { webhookBody, webhookJob } from "./webhook";

// What a rule does. Every action runs in the run's service transaction, so its database effects commit with
// the run row keyed on (rule, event) and a retried job does them at most once; the effects that also have
// their own key (a task, a notice, a webhook job) carry one derived from the same pair.

export type ActionContext = {
  orgId: string;
  ruleId: string;
  ruleName: string;
  /** The rule's runs so far, for round-robin turns. */
  fireCount: number;
  runId: string;
  eventKey: string;
  triggerType: string;
  deal: DealFacts;
  now: Date;
};

export type ActionOutcome = {
  type: Action["type"];
  outcome: "done" | "already" | "skipped" | "refused";
  detail?: string;
  afterCommit?: () => Promise<void>;
};

/** A short key for "this action of this rule on this event", within the 200 characters dedupe keys allow. */
export const effectKey = (ctx: ActionContext, index: number) =>
  `automation:${createHash("sha256").update(`${ctx.ruleId}|${ctx.eventKey}|${index}`).digest("hex").slice(0, 40)}`;

async function chooseAssignee(sql: Sql, ctx: ActionContext, a: Extract<Action, { type: "assign" }>) {
  const candidates = await sql.query<{ user_id: string; open_deals: number }>(
    `select m.user_id, (select count(*)::int from public.deals d
                         where d.org_id = m.org_id and d.owner_id = m.user_id and d.closed_at is null) as open_deals
       from public.memberships m
      where m.org_id = $1 and m.role in ('owner', 'admin', 'manager', 'agent')
        and (cardinality($2::uuid[]) = 0 or m.user_id = any($2::uuid[]))
      order by m.created_at, m.user_id`,
    [ctx.orgId, a.userIds],
  );
  if (!candidates.length) return null;
  if (a.mode === "round_robin") return candidates[ctx.fireCount % candidates.length].user_id;
  return [...candidates].sort((x, y) => x.open_deals - y.open_deals)[0].user_id;
}

export async function runAction(sql: Sql, ctx: ActionContext, action: Action, index: number): Promise<ActionOutcome> {
  const { deal, orgId } = ctx;
  const key = effectKey(ctx, index);
  switch (action.type) {
    case "move_stage": {
      if (deal.stageId === action.stageId) return { type: action.type, outcome: "already" };
      const moved = await moveDeal(sql, orgId, deal.id, { stageId: action.stageId }, { ruleId: ctx.ruleId });
      deal.stageId = action.stageId;
      return { type: action.type, outcome: "done", detail: action.stageId, afterCommit: moved.afterCommit };
    }
    case "assign": {
      const userId = await chooseAssignee(sql, ctx, action);
      if (!userId) return { type: action.type, outcome: "skipped", detail: "no one to assign" };
      if (userId === deal.ownerId) return { type: action.type, outcome: "already", detail: userId };
      await sql.query("update public.deals set owner_id = $3 where org_id = $1 and id = $2", [orgId, deal.id, userId]);
      deal.ownerId = userId;
      return { type: action.type, outcome: "done", detail: userId };
    }
    case "create_task": {
      const id = await createTask(sql, {
        orgId,
        kind: action.kind,
        title: action.title,
        dealId: deal.id,
        contactId: deal.contactId,
        conversationId: deal.conversationId,
        assigneeId: deal.ownerId,
        dueAt: new Date(ctx.now.getTime() + action.dueInHours * 3600_000),
        source: "automation",
        dedupeKey: key,
      });
      return { type: action.type, outcome: id ? "done" : "already", detail: id ?? undefined };
    }
    case "notify": {
      await notify(sql, {
        orgId,
        userId: action.to === "owner" ? deal.ownerId : null,
        kind: "automation",
        title: action.text,
        body: `${ctx.ruleName} · ${deal.title}`,
        dealId: deal.id,
        contactId: deal.contactId,
        conversationId: deal.conversationId,
        link: `/pipeline?deal=${deal.id}`,
        dedupeKey: key,
      });
      return { type: action.type, outcome: "done", detail: action.to === "owner" && deal.ownerId ? "owner" : "team" };
    }
    case "send_message": {
      if (!deal.conversationId)
        return { type: action.type, outcome: "skipped", detail: "the deal has no conversation" };
      try {
        const queued = await sendMessage(
          sql,
          orgId,
          { conversationId: deal.conversationId, text: action.text, templateId: action.templateId },
          { pauseAi: false },
        );
        return { type: action.type, outcome: "done", detail: queued.message.id, afterCommit: queued.afterCommit };
      } catch (error) {
        // A closed WhatsApp window or an opted-out client is the rule's outcome, not a failure to retry.
        if (error instanceof ApiError && (error.code === "conflict" || error.code === "bad_request"))
          return { type: action.type, outcome: "refused", detail: error.message };
        throw error;
      }
    }
    case "add_tag": {
      const rows = await sql.query(
        `update public.deals set tags = array_append(tags, $3)
          where org_id = $1 and id = $2 and not (lower($3) = any(select lower(t) from unnest(tags) t))
          returning id`,
        [orgId, deal.id, action.tag],
      );
      if (rows.length) deal.tags = [...deal.tags, action.tag];
      return { type: action.type, outcome: rows.length ? "done" : "already", detail: action.tag };
    }
    case "set_ai_mode": {
      if (!deal.conversationId)
        return { type: action.type, outcome: "skipped", detail: "the deal has no conversation" };
      const rows = await sql.query(
        `update public.conversations set ai_mode = $3
          where org_id = $1 and id = $2 and ai_mode is distinct from $3 returning id`,
        [orgId, deal.conversationId, action.mode],
      );
      return { type: action.type, outcome: rows.length ? "done" : "already", detail: action.mode };
    }
    case "webhook": {
      const payload = {
        ruleId: ctx.ruleId,
        runId: ctx.runId,
        url: action.url,
        deliveryKey: key,
        body: webhookBody(ctx),
      };
      // In-process jobs commit with the run; a Trigger.dev run is asked for once the run row is visible.
      if (env().TRIGGER_SECRET_KEY) {
        const afterCommit = async () => void (await enqueue(webhookJob, payload, { orgId, dedupeKey: key }));
        return { type: action.type, outcome: "done", detail: action.url, afterCommit };
      }
      await enqueue(webhookJob, payload, { orgId, dedupeKey: key, sql });
      return { type: action.type, outcome: "done", detail: action.url };
    }
  }
}
