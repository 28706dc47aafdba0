import { beforeAll, beforeEach, expect, it } from "vitest";
import { DEALS_PER_TRANSACTION } from "@/lib/automation/batch";
import { sweep } from "@/lib/automation/sweep";
import { asService, getDb } from "@/lib/db";
import type { PipelineView } from "@/lib/pipeline/pipelines";
import { rows } from "../helpers/assistant";
import { createRule } from "../helpers/automation";
import { describeEachDb } from "../helpers/db";
import { orgOf } from "../helpers/dialogs";
import { team } from "../helpers/inbox";
import { pipelinesOf } from "../helpers/pipeline";

type Team = Awaited<ReturnType<typeof team>>;
const HOUR = 3600_000;
// More than one transaction's worth, so the batches' seams are crossed.
const DUE = DEALS_PER_TRANSACTION + 12;
const runsOfRule = (ruleId: string) =>
  rows("select deal_id, status, error, actions from public.automation_runs where rule_id = $1", [ruleId]);

describeEachDb("the time-rule sweep in batches", () => {
  let a: Team;
  let orgA: string;
  let sales: PipelineView;

  beforeAll(async () => {
    a = await team("swb", "Alpha Sweep");
    orgA = await orgOf(a.owner);
    [sales] = await pipelinesOf(a.owner);
  });
  beforeEach(async () => {
    await asService((sql) => sql.query("update public.automation_rules set enabled = false"));
  });

  it("fires each due deal once, with its history row and event, and one failing deal does not block the rest", async () => {
    const [s0, s1] = sales.stages.map((s) => s.id);
    const deals = await asService((sql) =>
      sql.query<{ id: string }>(
        `insert into public.deals (org_id, pipeline_id, stage_id, title, position)
         select $1, $2, $3, 'Sweep ' || g, 'a0' || lpad(g::text, 7, '0') || 'V' from generate_series(1, $4) g
         returning id`,
        [orgA, sales.id, s0, DUE],
      ),
    );
    const ids = deals.map((d) => d.id);
    const bad = ids[DEALS_PER_TRANSACTION - 3];
    // A real failure inside one deal's move: the database refuses to move that one deal (DDL as the owner).
    const db = await getDb();
    await db.transaction(async (sql) => {
      await sql.query(
        `create or replace function public.test_refuse_move() returns trigger language plpgsql as $$
         begin
           if new.id = '${bad}'::uuid and new.stage_id <> old.stage_id then raise exception 'refused in test'; end if;
           return new;
         end $$`,
      );
      await sql.query(
        "create trigger test_refuse_move before update of stage_id on public.deals for each row execute function public.test_refuse_move()",
      );
    });
    try {
      const rule = await createRule(a.owner, {
        name: "24 h in New lead (batch)",
        trigger: { type: "time_in_stage", stageId: s0, hours: 24 },
        actions: [{ type: "move_stage", stageId: s1 }],
      });
      const t0 = Date.now();
      expect((await sweep(new Date(t0 + 23 * HOUR))).fired).toBe(0);
      const swept = await sweep(new Date(t0 + 25 * HOUR));
      expect(swept).toMatchObject({ due: DUE, fired: DUE - 1 });

      const stages = await rows("select id, stage_id from public.deals where id = any($1::uuid[])", [ids]);
      const moved = stages.filter((d) => d.stage_id === s1).map((d) => d.id);
      expect(moved.sort()).toEqual(ids.filter((id) => id !== bad).sort());
      expect(stages.find((d) => d.id === bad)!.stage_id).toBe(s0);

      const history = await rows(
        "select deal_id, auto_moved, rule_id from public.stage_history where deal_id = any($1::uuid[]) and to_stage_id = $2",
        [ids, s1],
      );
      expect(history).toHaveLength(DUE - 1);
      expect(history.every((h) => h.auto_moved === true && h.rule_id === rule.id)).toBe(true);
      const events = await rows(
        "select payload->>'dealId' as deal_id from public.jobs where name = 'pipeline.deal-moved' and payload->>'dealId' = any($1::text[])",
        [ids],
      );
      expect(events.map((e) => e.deal_id).sort()).toEqual(moved.sort());

      const runs = await runsOfRule(rule.id);
      expect(runs.filter((r) => r.status === "fired")).toHaveLength(DUE - 1);
      expect(runs.filter((r) => r.status === "failed")).toMatchObject([{ deal_id: bad, error: /refused in test/ }]);
      // A fired run records what its actions did, as runRule's do.
      expect(runs.find((r) => r.status === "fired")!.actions).toMatchObject([{ type: "move_stage", outcome: "done" }]);
      const [counted] = await rows("select fire_count, last_fired_at from public.automation_rules where id = $1", [
        rule.id,
      ]);
      expect(counted.fire_count).toBe(DUE - 1);
      expect(counted.last_fired_at).not.toBeNull();

      // The next sweep finds nothing new: each deal fired once for its stay.
      expect((await sweep(new Date(t0 + 26 * HOUR))).fired).toBe(0);
      expect(await runsOfRule(rule.id)).toHaveLength(DUE);
      expect(
        await rows(
          "select count(*)::int as n from public.stage_history where deal_id = any($1::uuid[]) and to_stage_id = $2",
          [ids, s1],
        ),
      ).toEqual([{ n: DUE - 1 }]);
    } finally {
      await db.transaction(async (sql) => {
        await sql.query("drop trigger if exists test_refuse_move on public.deals");
        await sql.query("drop function if exists public.test_refuse_move()");
      });
    }
  });
});
