import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { assertSendable } from "@/lib/inbox/outbox";
import { evaluate, loadDealFacts, type DealFacts } from "./conditions";
import { getRuleRow } from "./rules";
import type { Action, DryRunResult } from "./schema";

// "Try it on one deal": the rule's conditions against the deal as it is now and what each action would do,
// read through the caller's RLS. Nothing is written: no run row, no move, no message, no webhook call.

async function stageName(sql: Sql, id: string) {
  const [row] = await sql.query<{ name: string }>("select name from public.stages where id = $1", [id]);
  return row?.name ?? id;
}

async function describe(sql: Sql, orgId: string, deal: DealFacts, a: Action): Promise<string> {
  switch (a.type) {
    case "move_stage":
      return a.stageId === deal.stageId
        ? `already in ${deal.stageName}; stays there`
        : `move from ${deal.stageName} to ${await stageName(sql, a.stageId)}`;
    case "assign":
      return a.mode === "round_robin"
        ? `assign in turn among ${a.userIds.length || "all"} members`
        : `assign to the least loaded of ${a.userIds.length || "all"} members`;
    case "create_task":
      return `create the task "${a.title}" due in ${a.dueInHours} h`;
    case "notify":
      return a.to === "owner" && deal.ownerId ? `notify the deal's owner: ${a.text}` : `notify the team: ${a.text}`;
    case "send_message": {
      if (!deal.conversationId) return "would not send: the deal has no conversation";
      try {
        await assertSendable(sql, orgId, deal.conversationId);
        return a.templateId ? "send the template to the client" : `send to the client: ${a.text}`;
      } catch (error) {
        if (error instanceof ApiError) return `would not send: ${error.message}`;
        throw error;
      }
    }
    case "add_tag":
      return deal.tags.includes(a.tag) ? `already tagged ${a.tag}` : `add the tag ${a.tag}`;
    case "set_ai_mode":
      return deal.conversationId ? `set the AI mode to ${a.mode}` : "would not change the AI mode: no conversation";
    case "webhook":
      return `POST the deal as JSON to ${a.url}, signed`;
  }
}

export async function dryRun(sql: Sql, orgId: string, ruleId: string, dealId: string): Promise<DryRunResult> {
  const rule = await getRuleRow(sql, orgId, ruleId);
  const deal = await loadDealFacts(sql, orgId, dealId);
  if (!deal) throw new ApiError("not_found", "deal not found");
  // A message-received rule is tried against the client's latest message, as if it had just arrived.
  const [latest] = deal.contactId
    ? await sql.query<{ id: string }>(
        `select m.id from public.messages m join public.conversations c on c.id = m.conversation_id
          where c.contact_id = $1 and m.direction = 'in' order by m.seq desc limit 1`,
        [deal.contactId],
      )
    : [];
  const conditions = await evaluate(sql, rule.conditions, deal, { messageId: latest?.id });
  const actions = [];
  for (const a of rule.actions) actions.push({ type: a.type, detail: await describe(sql, orgId, deal, a) });
  const wouldFire = conditions.every((c) => c.passed);
  return {
    wouldFire,
    dealId: deal.id,
    conditions,
    actions,
    note: wouldFire
      ? "the conditions hold: these actions would run when the trigger happens"
      : "a condition does not hold: nothing would run",
  };
}
