import { beforeAll, expect, it } from "vitest";
import { GET as openapi } from "@/app/api/openapi.json/route";
import type { RuleView } from "@/lib/automation/schema";
import { buildTemplate, TEMPLATE_IDS } from "@/lib/automation/templates";
import { asService } from "@/lib/db";
import type { PipelineView } from "@/lib/pipeline/pipelines";
import {
  createRule,
  createRuleRes,
  deleteRuleRes,
  dryRunRes,
  getRuleRes,
  listRulesRes,
  patchRuleRes,
  runsOf,
} from "../helpers/automation";
import { describeEachDb } from "../helpers/db";
import { jsonRequest } from "../helpers/http";
import { team } from "../helpers/inbox";
import { createDeal, pipelinesOf } from "../helpers/pipeline";

type Team = Awaited<ReturnType<typeof team>>;

describeEachDb("automation rules API", () => {
  let a: Team;
  let b: Team;
  let sales: PipelineView;
  let otherSales: PipelineView;

  beforeAll(async () => {
    a = await team("aua", "Alpha Rules");
    b = await team("aub", "Beta Rules");
    [sales] = await pipelinesOf(a.owner);
    [otherSales] = await pipelinesOf(b.owner);
  });

  const firstReply = () => ({
    name: "First reply → Qualified",
    trigger: { type: "message_received" },
    conditions: [{ type: "first_reply" }, { type: "stage_is", stageIds: [sales.stages[0].id] }],
    actions: [
      { type: "move_stage", stageId: sales.stages[1].id },
      { type: "notify", to: "owner", text: "The client replied" },
    ],
  });

  it("creates, lists, reads, changes and deletes a rule; the signing secret is shown once", async () => {
    const res = await createRuleRes(a.owner, firstReply());
    expect(res.status, await res.clone().text()).toBe(201);
    const made = (await res.json()) as RuleView & { webhookSecret: string };
    expect(made).toMatchObject({ name: "First reply → Qualified", enabled: false, fireCount: 0, lastFiredAt: null });
    expect(made.webhookSecret).toMatch(/^whsec_/);
    const [stored] = await asService((sql) =>
      sql.query<{ webhook_secret: string }>("select webhook_secret from public.automation_rules where id = $1", [
        made.id,
      ]),
    );
    expect(stored.webhook_secret).not.toContain(made.webhookSecret);

    const listed = (await (await listRulesRes(a.viewer)).json()) as RuleView[];
    expect(listed.map((r) => r.id)).toContain(made.id);
    expect(listed.find((r) => r.id === made.id)).not.toHaveProperty("webhookSecret");

    const got = await getRuleRes(a.agent, made.id);
    expect(got.status).toBe(200);
    expect(((await got.json()) as RuleView).actions).toHaveLength(2);

    const on = await patchRuleRes(a.owner, made.id, { enabled: true, name: "Первый ответ → Квалифицирован" });
    expect(on.status, await on.clone().text()).toBe(200);
    expect(await on.json()).toMatchObject({ enabled: true, name: "Первый ответ → Квалифицирован" });
    const rotated = (await (await patchRuleRes(a.owner, made.id, { rotateSecret: true })).json()) as {
      webhookSecret: string;
    };
    expect(rotated.webhookSecret).toMatch(/^whsec_/);
    expect(rotated.webhookSecret).not.toBe(made.webhookSecret);

    expect((await deleteRuleRes(a.owner, made.id)).status).toBe(204);
    expect((await getRuleRes(a.owner, made.id)).status).toBe(404);
  });

  it("answers 400 naming the field for bad input, and stores nothing", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...firstReply(), name: "" }, /name/],
      [{ ...firstReply(), trigger: { type: "sunrise" } }, /trigger/],
      [
        { ...firstReply(), trigger: { type: "time_in_stage", stageId: sales.stages[0].id, hours: -1 } },
        /trigger\.hours/,
      ],
      [{ ...firstReply(), actions: [] }, /actions/],
      [{ ...firstReply(), actions: [{ type: "webhook", url: "ftp://example.com" }] }, /actions\.0\.url/],
      [{ ...firstReply(), actions: [{ type: "send_message" }] }, /actions\.0\.text/],
      [{ ...firstReply(), actions: [{ type: "move_stage", stageId: otherSales.stages[1].id }] }, /actions\.0\.stageId/],
      [
        { ...firstReply(), conditions: [{ type: "stage_is", stageIds: [otherSales.stages[0].id] }] },
        /conditions\.0\.stageIds\.0/,
      ],
      [{ ...firstReply(), conditions: [{ type: "score_at_least", score: "high" }] }, /conditions\.0\.score/],
    ];
    const before = (await (await listRulesRes(a.owner)).json()) as RuleView[];
    for (const [body, field] of cases) {
      const res = await createRuleRes(a.owner, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = (await res.json()) as { error: { message: string } };
      expect(error.message, JSON.stringify(body)).toMatch(field);
    }
    const after = (await (await listRulesRes(a.owner)).json()) as RuleView[];
    expect(after).toHaveLength(before.length);
  });

  it("lets only managers write rules", async () => {
    expect((await createRuleRes(a.agent, firstReply())).status).toBe(403);
    expect((await createRuleRes(a.viewer, firstReply())).status).toBe(403);
    const rule = await createRule(a.owner, firstReply());
    expect((await patchRuleRes(a.agent, rule.id, { enabled: false })).status).toBe(403);
    expect((await deleteRuleRes(a.viewer, rule.id)).status).toBe(403);
  });

  it("keeps organisations apart: another organisation's rule is a 404 through every route", async () => {
    const rule = await createRule(a.owner, firstReply());
    const deal = await createDeal(b.owner, { title: "Чужая сделка" });
    expect((await getRuleRes(b.owner, rule.id)).status).toBe(404);
    expect((await patchRuleRes(b.owner, rule.id, { enabled: false })).status).toBe(404);
    expect((await deleteRuleRes(b.owner, rule.id)).status).toBe(404);
    expect((await dryRunRes(b.owner, rule.id, deal.id)).status).toBe(404);
    const { GET } = await import("@/app/api/automation/rules/[id]/runs/route");
    const runs = await GET(jsonRequest(`/api/automation/rules/${rule.id}/runs`, { token: b.owner.token }), {
      params: Promise.resolve({ id: rule.id }),
    });
    expect(runs.status).toBe(404);
    const theirs = (await (await listRulesRes(b.owner)).json()) as RuleView[];
    expect(theirs.map((r) => r.id)).not.toContain(rule.id);
    // And A's rule cannot be tried on B's deal.
    expect((await dryRunRes(a.owner, rule.id, deal.id)).status).toBe(404);
    expect((await getRuleRes(a.owner, rule.id)).status).toBe(200);
  });

  it("tries a rule on one deal without changing anything", async () => {
    const rule = await createRule(a.owner, {
      ...firstReply(),
      conditions: [{ type: "stage_is", stageIds: [sales.stages[0].id] }],
      actions: [
        { type: "move_stage", stageId: sales.stages[1].id },
        { type: "add_tag", tag: "replied" },
        { type: "webhook", url: "http://127.0.0.1:9/never" },
      ],
    });
    const deal = await createDeal(a.agent, { title: "Пробная сделка" });
    const res = await dryRunRes(a.agent, rule.id, deal.id);
    expect(res.status, await res.clone().text()).toBe(200);
    const result = await res.json();
    expect(result).toMatchObject({ wouldFire: true, dealId: deal.id });
    expect(result.actions.map((x: { detail: string }) => x.detail)).toEqual([
      "move from New lead to Qualified",
      "add the tag replied",
      "POST the deal as JSON to http://127.0.0.1:9/never, signed",
    ]);
    const [after] = await asService((sql) =>
      sql.query<{ stage_id: string; tags: string[]; version: number }>(
        "select stage_id, tags, version from public.deals where id = $1",
        [deal.id],
      ),
    );
    expect(after).toEqual({ stage_id: sales.stages[0].id, tags: [], version: deal.version });
    expect(await runsOf(a.owner, rule.id)).toEqual([]);
    const jobs = await asService((sql) =>
      sql.query("select 1 from public.jobs where name = 'automation.webhook' and payload->>'ruleId' = $1", [rule.id]),
    );
    expect(jobs).toEqual([]);

    const elsewhere = await createDeal(a.agent, { title: "Другая", stageId: sales.stages[2].id });
    const no = await (await dryRunRes(a.agent, rule.id, elsewhere.id)).json();
    expect(no.wouldFire).toBe(false);
    expect(no.conditions[0]).toMatchObject({ type: "stage_is", passed: false });
  });

  it("makes every gallery template a valid rule for the default pipeline", async () => {
    const texts = {
      name: "",
      replied: "Replied",
      prepare: "Prepare",
      hot: "Hot",
      overdue: "Overdue",
      followUp: "Follow up",
    };
    for (const id of TEMPLATE_IDS) {
      const draft = buildTemplate(id, sales.stages, { ...texts, name: `Template ${id}` });
      expect(draft, id).not.toBeNull();
      const res = await createRuleRes(a.owner, draft);
      expect(res.status, `${id}: ${await res.clone().text()}`).toBe(201);
      expect(await res.json()).toMatchObject({ template: id, enabled: false, trigger: draft!.trigger });
    }
  });

  it("is described in the OpenAPI document", async () => {
    const doc = await (await openapi(new Request("http://localhost:3000/api/openapi.json"))).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/automation/rules",
        "/api/automation/rules/{id}",
        "/api/automation/rules/{id}/test",
        "/api/automation/rules/{id}/runs",
        "/api/automation/rules/{id}/deliveries",
      ]),
    );
    expect(doc.paths["/api/automation/rules"].post.requestBody).toBeDefined();
  });
});
