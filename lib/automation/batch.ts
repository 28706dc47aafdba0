import { asService } from "@/lib/db";
import { moveDealsByRule } from "@/lib/pipeline/moves";
import { runAction, type ActionOutcome } from "./actions";
import { evaluate, loadDealsFacts, type DealFacts } from "./conditions";
import type { RuleRow } from "./rules";
import { LOOP_LIMIT, LOOP_WINDOW_MINUTES, log, runRule, stopForLoop, type RuleEvent } from "./runner";

// The sweep's due deals of one rule, many per transaction (bench/pipeline: one transaction a deal was 35–43 ms
// of round trips each, 7–9 s for 200). What runRule does per deal is done here once per batch where it can be
// set-based — the deals' facts, the loop guard's counts, the run rows, the rule's last fired — and each deal's
// actions run under a savepoint, so one deal that fails is rolled back alone, its run row marked failed, and
// the others commit. Same run rows (one per rule and event: a deal fires once), history rows and events as
// runRule; a batch whose transaction fails as a whole is run again deal by deal through runRule.

/** Deals per transaction: under 64 (nested) savepoints, so the subtransactions stay in Postgres's per-backend cache. */
export const DEALS_PER_TRANSACTION = 50;

export type Due = { dealId: string; key: string };

/** What runAction records for a move to the stage the deal is already in. */
const alreadyThere = { type: "move_stage", outcome: "already" } as const;
export type BatchResult = { fired: number; failed: number; loop: boolean };

export async function runRuleOnDue(rule: RuleRow, due: Due[], now: Date): Promise<BatchResult> {
  const total: BatchResult = { fired: 0, failed: 0, loop: false };
  for (let i = 0; i < due.length && !total.loop; i += DEALS_PER_TRANSACTION) {
    const part = due.slice(i, i + DEALS_PER_TRANSACTION);
    const r = await runBatch(rule, part, now).catch(async (error) => {
      log.warn({ err: error, ruleId: rule.id }, "a sweep batch failed as a whole; running its deals one by one");
      return oneByOne(rule, part, now);
    });
    total.fired += r.fired;
    total.failed += r.failed;
    total.loop = r.loop;
  }
  return total;
}

async function oneByOne(rule: RuleRow, due: Due[], now: Date): Promise<BatchResult> {
  const r: BatchResult = { fired: 0, failed: 0, loop: false };
  for (const d of due) {
    const event: RuleEvent = { key: d.key, dealId: d.dealId, now };
    const outcome = await runRule(rule.org_id, rule, event).catch(() => "failed" as const);
    if (outcome === "fired") r.fired++;
    if (outcome === "failed") r.failed++;
    if (outcome === "loop") return { ...r, loop: true };
  }
  return r;
}

async function runBatch(rule: RuleRow, due: Due[], now: Date): Promise<BatchResult> {
  const orgId = rule.org_id;
  const afterCommit: (() => Promise<void>)[] = [];
  let loopAt: { event: RuleEvent; reason: string } | null = null;
  const result = await asService(async (sql) => {
    const facts = new Map(
      (
        await loadDealsFacts(
          sql,
          orgId,
          due.map((d) => d.dealId),
        )
      ).map((f) => [f.id, f]),
    );
    const recent = new Map(
      (
        await sql.query<{ deal_id: string; n: number }>(
          `select deal_id, count(*)::int as n from public.automation_runs
            where rule_id = $1 and deal_id = any($2::uuid[]) and status = 'fired'
              and created_at > now() - make_interval(mins => $3)
            group by deal_id`,
          [rule.id, [...facts.keys()], LOOP_WINDOW_MINUTES],
        )
      ).map((r) => [r.deal_id, r.n]),
    );
    // The deals the rule fires on, in the sweep's order, up to the first the loop guard stops.
    const firing: { due: Due; deal: DealFacts }[] = [];
    for (const d of due) {
      const deal = facts.get(d.dealId);
      if (!deal) continue;
      const checks = await evaluate(sql, rule.conditions, deal, {});
      if (checks.some((c) => !c.passed)) continue;
      const n = recent.get(deal.id) ?? 0;
      if (n >= LOOP_LIMIT) {
        const reason = `fired ${n} times on one deal within ${LOOP_WINDOW_MINUTES} minutes`;
        loopAt = { event: { key: d.key, dealId: d.dealId, now }, reason };
        break;
      }
      firing.push({ due: d, deal });
    }
    if (!firing.length) return { fired: 0, failed: 0 };
    // One run row per (rule, event), as runRule writes it; a row another worker wrote meanwhile is left alone.
    const runs = await sql.query<{ id: string; event_key: string }>(
      `insert into public.automation_runs (org_id, rule_id, event_key, deal_id, status)
       select $1, $2, e.key, e.deal, 'fired' from unnest($3::text[], $4::uuid[]) as e(key, deal)
       on conflict (rule_id, event_key) do update set status = 'fired', error = null, created_at = now()
         where automation_runs.status = 'failed'
       returning id, event_key`,
      [orgId, rule.id, firing.map((f) => f.due.key), firing.map((f) => f.deal.id)],
    );
    const runOf = new Map(runs.map((r) => [r.event_key, r.id]));
    const done: { id: string; actions: string }[] = [];
    const failed: { id: string; error: string }[] = [];
    let last: string | null = null;
    const [only] = rule.actions;
    if (rule.actions.length === 1 && only.type === "move_stage") {
      // A rule that only moves the deal (the time rules' usual "→ next stage"): the batch's moves in one
      // statement, each deal in its own subtransaction, instead of a savepoint and a move per deal.
      const toMove = firing.filter((f) => runOf.has(f.due.key) && f.deal.stageId !== only.stageId);
      const moves = new Map(
        (
          await moveDealsByRule(
            sql,
            orgId,
            toMove.map((f) => f.deal.id),
            only.stageId,
            rule.id,
          )
        ).map((m) => [m.dealId, m]),
      );
      for (const { due: d, deal } of firing) {
        const runId = runOf.get(d.key);
        if (!runId) continue;
        const move = moves.get(deal.id);
        if (move?.error !== undefined) {
          failed.push({ id: runId, error: move.error.slice(0, 2000) });
          continue;
        }
        if (move?.afterCommit) afterCommit.push(move.afterCommit);
        const outcome = move ? { type: only.type, outcome: "done", detail: only.stageId } : alreadyThere;
        done.push({ id: runId, actions: JSON.stringify([outcome]) });
        last = deal.id;
      }
    } else {
      for (const { due: d, deal } of firing) {
        const runId = runOf.get(d.key);
        if (!runId) continue;
        const ctx = {
          orgId,
          ruleId: rule.id,
          ruleName: rule.name,
          fireCount: rule.fire_count + done.length,
          runId,
          eventKey: d.key,
          triggerType: rule.trigger.type,
          deal,
          now,
        };
        const hooks: (() => Promise<void>)[] = [];
        // Not released after a success (a round trip a deal saved): the savepoints nest, at most one a deal of
        // the batch, and a rollback to the name undoes only the newest, this deal's.
        await sql.query("savepoint sweep_deal");
        try {
          const outcomes: Omit<ActionOutcome, "afterCommit">[] = [];
          for (const [i, action] of rule.actions.entries()) {
            const { afterCommit: after, ...outcome } = await runAction(sql, ctx, action, i);
            if (after) hooks.push(after);
            outcomes.push(outcome);
          }
          afterCommit.push(...hooks);
          done.push({ id: runId, actions: JSON.stringify(outcomes) });
          last = deal.id;
        } catch (error) {
          await sql.query("rollback to savepoint sweep_deal");
          const message = error instanceof Error ? error.message : String(error);
          failed.push({ id: runId, error: message.slice(0, 2000) });
        }
      }
    }
    await sql.query(
      `update public.automation_runs r set actions = u.actions::jsonb
         from unnest($1::uuid[], $2::text[]) as u(id, actions) where r.id = u.id`,
      [done.map((d) => d.id), done.map((d) => d.actions)],
    );
    await sql.query(
      `update public.automation_runs r set status = 'failed', error = u.error
         from unnest($1::uuid[], $2::text[]) as u(id, error) where r.id = u.id`,
      [failed.map((f) => f.id), failed.map((f) => f.error)],
    );
    if (done.length) {
      await sql.query(
        `update public.automation_rules set last_fired_at = now(), last_deal_id = $2, fire_count = fire_count + $3
          where id = $1`,
        [rule.id, last, done.length],
      );
    }
    return { fired: done.length, failed: failed.length };
  });
  const stopped = loopAt as { event: RuleEvent; reason: string } | null;
  if (stopped) await stopForLoop(orgId, rule, stopped.event, stopped.reason);
  for (const after of afterCommit) await after();
  return { ...result, loop: Boolean(stopped) };
}
