import { asService, type Sql } from "@/lib/db";
import { defineRecurringJob } from "@/lib/jobs/recurring";
import { enabledTimeRules, type RuleRow } from "./rules";
import { runRuleOnDue } from "./batch";

// The time triggers (time in stage, no reply for N hours): one scheduled job, `automation.sweep`, that asks
// for each enabled time rule the deals due now with one set-based query (an index range of the stage, or a
// join on the conversations), never reading every deal, and runs the rule on each. A deal is due once per
// stay in its stage / per unanswered message: the event key says which, and the run row remembers it.

export const SWEEP_EVERY_MS = 60_000;
// Due deals per rule per sweep: a backlog is worked off over the next sweeps rather than in one long job.
export const SWEEP_BATCH = 1_000;

type Due = { deal_id: string; key: string };

/** The deals this rule is due on at `now`, that it has not run on yet for this event. */
export async function dueDeals(sql: Sql, rule: RuleRow, now: Date, limit = SWEEP_BATCH): Promise<Due[]> {
  const t = rule.trigger;
  if (t.type === "time_in_stage") {
    return sql.query<Due>(
      `select d.id as deal_id, 'tis:' || d.id || ':' || (extract(epoch from d.stage_entered_at) * 1000000)::bigint as key
         from public.deals d
        where d.stage_id = $2 and d.closed_at is null and d.org_id = $1
          and d.stage_entered_at <= $3::timestamptz - make_interval(secs => $4)
          and not exists (select 1 from public.automation_runs r where r.rule_id = $5
                            and r.event_key = 'tis:' || d.id || ':' || (extract(epoch from d.stage_entered_at) * 1000000)::bigint)
        order by d.stage_entered_at limit $6`,
      [rule.org_id, t.stageId, now.toISOString(), t.hours * 3600, rule.id, limit],
    );
  }
  if (t.type === "no_reply") {
    // The conversation's last message is ours (client) or theirs (team) and older than the wait.
    const direction = t.waiting === "client" ? "out" : "in";
    return sql.query<Due>(
      `select distinct on (d.id) d.id as deal_id, 'nr:' || d.id || ':' || c.last_message_id as key
         from public.conversations c
         join public.deals d on d.contact_id = c.contact_id and d.org_id = c.org_id and d.closed_at is null
        where c.org_id = $1 and c.last_message_direction = $2 and c.last_message_id is not null
          and c.last_message_at <= $3::timestamptz - make_interval(secs => $4)
          and not exists (select 1 from public.automation_runs r where r.rule_id = $5
                            and r.event_key = 'nr:' || d.id || ':' || c.last_message_id)
        order by d.id, c.last_message_at desc limit $6`,
      [rule.org_id, direction, now.toISOString(), t.hours * 3600, rule.id, limit],
    );
  }
  return [];
}

export type SweepResult = { rules: number; due: number; fired: number };

/** One pass over every organisation's enabled time rules at `now` (the tests' clock). */
export async function sweep(now = new Date()): Promise<SweepResult> {
  const rules = await asService((sql) => enabledTimeRules(sql));
  const result: SweepResult = { rules: rules.length, due: 0, fired: 0 };
  for (const rule of rules) {
    const due = await asService((sql) => dueDeals(sql, rule, now));
    result.due += due.length;
    // Many deals per transaction, each under a savepoint: one deal's failure is logged in its run and does
    // not stop the others; a loop stops the rule.
    const r = await runRuleOnDue(
      rule,
      due.map((d) => ({ dealId: d.deal_id, key: d.key })),
      now,
    );
    result.fired += r.fired;
  }
  return result;
}

const recurring = defineRecurringJob({ name: "automation.sweep", everyMs: SWEEP_EVERY_MS, run: () => sweep() });
export const sweepJob = recurring.job;
/** At server start: a run now, which starts or rejoins the once-a-minute chain. */
export const startAutomationSweep = recurring.start;
