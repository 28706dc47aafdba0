import { expect } from "vitest";
import * as deliveries from "@/app/api/automation/rules/[id]/deliveries/route";
import * as oneRule from "@/app/api/automation/rules/[id]/route";
import * as runs from "@/app/api/automation/rules/[id]/runs/route";
import * as dryRun from "@/app/api/automation/rules/[id]/test/route";
import * as rules from "@/app/api/automation/rules/route";
import type { DeliveryView, RuleView, RunView } from "@/lib/automation/schema";
import { asService } from "@/lib/db";
import { jobCatalog } from "@/lib/jobs/catalog";
import { jsonRequest, params } from "./http";
import type { Person } from "./inbox";

export const createRuleRes = (who: Person, body: unknown) =>
  rules.POST(jsonRequest("/api/automation/rules", { token: who.token, body }));

export async function createRule(
  who: Person,
  body: Record<string, unknown>,
): Promise<RuleView & { webhookSecret: string }> {
  const res = await createRuleRes(who, { enabled: true, ...body });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

export const listRulesRes = (who: Person) => rules.GET(jsonRequest("/api/automation/rules", { token: who.token }));
export const getRuleRes = (who: Person, id: string) =>
  oneRule.GET(jsonRequest(`/api/automation/rules/${id}`, { token: who.token }), params({ id }));
export const patchRuleRes = (who: Person, id: string, body: unknown) =>
  oneRule.PATCH(
    jsonRequest(`/api/automation/rules/${id}`, { method: "PATCH", token: who.token, body }),
    params({ id }),
  );
export const deleteRuleRes = (who: Person, id: string) =>
  oneRule.DELETE(jsonRequest(`/api/automation/rules/${id}`, { method: "DELETE", token: who.token }), params({ id }));
export const dryRunRes = (who: Person, id: string, dealId: string) =>
  dryRun.POST(jsonRequest(`/api/automation/rules/${id}/test`, { token: who.token, body: { dealId } }), params({ id }));

export async function runsOf(who: Person, id: string): Promise<RunView[]> {
  const res = await runs.GET(jsonRequest(`/api/automation/rules/${id}/runs`, { token: who.token }), params({ id }));
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { runs: RunView[] }).runs;
}

export async function deliveriesOf(who: Person, id: string): Promise<DeliveryView[]> {
  const res = await deliveries.GET(
    jsonRequest(`/api/automation/rules/${id}/deliveries`, { token: who.token }),
    params({ id }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { deliveries: DeliveryView[] }).deliveries;
}

type JobRow = { id: string; name: string; org_id: string | null; payload: unknown };

/**
 * Runs the queued jobs with these names as the runner would (the real job bodies from the catalogue), over
 * and over until none is left: a move's event runs the rules, whose moves queue events again. Due jobs only.
 */
export async function drainJobs(names: string[], maxRounds = 20): Promise<string[]> {
  const ran: string[] = [];
  for (let round = 0; round < maxRounds; round++) {
    const jobs = await asService((sql) =>
      sql.query<JobRow>(
        `select id, name, org_id, payload from public.jobs
          where name = any($1::text[]) and status = 'queued' and run_at <= now() order by created_at, id`,
        [names],
      ),
    );
    if (!jobs.length) return ran;
    for (const j of jobs) {
      const job = jobCatalog.find((d) => d.name === j.name)!;
      await asService((sql) => sql.query("update public.jobs set status = 'running' where id = $1", [j.id]));
      let status = "succeeded";
      let error: string | null = null;
      try {
        await job.run(job.schema.parse(j.payload), {
          jobId: j.id,
          orgId: j.org_id,
          attempt: 1,
          maxAttempts: 5,
          signal: new AbortController().signal,
          progress: async () => {},
        });
      } catch (e) {
        status = "failed";
        error = e instanceof Error ? e.message : String(e);
      }
      await asService((sql) =>
        sql.query("update public.jobs set status = $2, last_error = $3, finished_at = now() where id = $1", [
          j.id,
          status,
          error,
        ]),
      );
      ran.push(`${j.name}:${status}`);
    }
  }
  return ran;
}

/** The events automation listens to, and its own jobs. */
export const EVENT_JOBS = [
  "pipeline.deal-created",
  "pipeline.deal-moved",
  "inbox.after-inbound",
  "dialogs.lead-analyzed",
  "tasks.task-event",
];
