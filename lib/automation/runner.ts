import { asService } from "@/lib/db";
import { logger } from "@/lib/log";
import { runAction, type ActionOutcome } from "./actions";
import { evaluate, loadDealFacts } from "./conditions";
import type { RuleRow } from "./rules";

// One rule on one event: its conditions against the deal, the loop guard, then its actions, all in one
// service transaction with the run row keyed on (rule, event). A retried job finds the row and stops; a run
// that failed is tried again from the start (its transaction left nothing behind).

export type RuleEvent = {
  /** The event's id, e.g. msg:<message id>, dh:<stage_history id>, tis:<deal>:<entered at>. */
  key: string;
  dealId: string;
  /** The rule whose own move caused this event (stage_history.rule_id), for the loop guard. */
  causedByRuleId?: string | null;
  messageId?: string;
  now?: Date;
};

export type RunOutcome = "fired" | "already" | "conditions_failed" | "no_deal" | "loop";

/** A rule firing this often on one deal is a loop, whichever rules feed it. */
export const LOOP_LIMIT = 5;
export const LOOP_WINDOW_MINUTES = 10;

export const log = logger.child({ module: "automation" });

export async function stopForLoop(orgId: string, rule: RuleRow, event: RuleEvent, reason: string) {
  await asService(async (sql) => {
    await sql.query(
      `insert into public.automation_runs (org_id, rule_id, event_key, deal_id, status, error)
       values ($1, $2, $3, $4, 'loop', $5) on conflict (rule_id, event_key) do nothing`,
      [orgId, rule.id, event.key, event.dealId, reason],
    );
    await sql.query(
      `update public.automation_rules set enabled = false, stopped_reason = $3, stopped_at = now()
        where org_id = $1 and id = $2`,
      [orgId, rule.id, reason],
    );
  });
  log.warn({ orgId, ruleId: rule.id, dealId: event.dealId }, "automation rule stopped by the loop guard");
}

export async function runRule(orgId: string, rule: RuleRow, event: RuleEvent): Promise<RunOutcome> {
  const now = event.now ?? new Date();
  const afterCommit: (() => Promise<void>)[] = [];
  // Set inside the transaction, acted on after it (the stop must commit even though nothing else does).
  const guard = { loop: null as string | null };
  let outcome: RunOutcome;
  try {
    outcome = await asService(async (sql): Promise<RunOutcome> => {
      const [seen] = await sql.query<{ status: string }>(
        "select status from public.automation_runs where rule_id = $1 and event_key = $2",
        [rule.id, event.key],
      );
      if (seen && seen.status !== "failed") return "already";
      const deal = await loadDealFacts(sql, orgId, event.dealId);
      if (!deal) return "no_deal";
      const checks = await evaluate(sql, rule.conditions, deal, { messageId: event.messageId });
      if (checks.some((c) => !c.passed)) return "conditions_failed";

      if (event.causedByRuleId === rule.id) {
        guard.loop = "its own action triggered it again";
        return "loop";
      }
      const [recent] = await sql.query<{ n: number }>(
        `select count(*)::int as n from public.automation_runs
          where rule_id = $1 and deal_id = $2 and status = 'fired'
            and created_at > now() - make_interval(mins => $3)`,
        [rule.id, deal.id, LOOP_WINDOW_MINUTES],
      );
      if (recent.n >= LOOP_LIMIT) {
        guard.loop = `fired ${recent.n} times on one deal within ${LOOP_WINDOW_MINUTES} minutes`;
        return "loop";
      }

      const [run] = await sql.query<{ id: string }>(
        `insert into public.automation_runs (org_id, rule_id, event_key, deal_id, status)
         values ($1, $2, $3, $4, 'fired')
         on conflict (rule_id, event_key) do update set status = 'fired', error = null, created_at = now()
           where automation_runs.status = 'failed'
         returning id`,
        [orgId, rule.id, event.key, deal.id],
      );
      // Another worker ran it meanwhile.
      if (!run) return "already";
      const done: Omit<ActionOutcome, "afterCommit">[] = [];
      const ctx = {
        orgId,
        ruleId: rule.id,
        ruleName: rule.name,
        fireCount: rule.fire_count,
        runId: run.id,
        eventKey: event.key,
        triggerType: rule.trigger.type,
        deal,
        now,
      };
      for (const [i, action] of rule.actions.entries()) {
        const { afterCommit: after, ...result } = await runAction(sql, ctx, action, i);
        if (after) afterCommit.push(after);
        done.push(result);
      }
      await sql.query("update public.automation_runs set actions = $2::jsonb where id = $1", [
        run.id,
        JSON.stringify(done),
      ]);
      await sql.query(
        `update public.automation_rules set last_fired_at = now(), last_deal_id = $2, fire_count = fire_count + 1
          where id = $1`,
        [rule.id, deal.id],
      );
      return "fired";
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await asService((sql) =>
      sql.query(
        `insert into public.automation_runs (org_id, rule_id, event_key, deal_id, status, error)
         select $1, $2, $3, d.id, 'failed', $5 from (select $4::uuid as wanted) w
           left join public.deals d on d.id = w.wanted
         on conflict (rule_id, event_key) do update set status = 'failed', error = excluded.error
           where automation_runs.status = 'failed'`,
        [orgId, rule.id, event.key, event.dealId, message.slice(0, 2000)],
      ),
    ).catch((e) => log.error({ err: e }, "could not log a failed automation run"));
    throw error;
  }
  if (guard.loop) await stopForLoop(orgId, rule, event, guard.loop);
  for (const after of afterCommit) await after();
  return outcome;
}

/**
 * Runs each rule on its deal; a rule that fails does not keep the others from running, and the job is
 * retried afterwards (the rules that ran are skipped then by their run rows).
 */
export async function runRules(orgId: string, pairs: { rule: RuleRow; event: RuleEvent }[]) {
  const errors: unknown[] = [];
  const outcomes: RunOutcome[] = [];
  for (const { rule, event } of pairs) {
    try {
      outcomes.push(await runRule(orgId, rule, event));
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length) throw errors[0];
  return outcomes;
}
