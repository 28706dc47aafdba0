import { beforeAll, expect, it } from "vitest";
import * as webhook from "@/app/api/webhooks/retailcrm/[connectionId]/route";
import { asService } from "@/lib/db";
import type { Connection } from "@/lib/retailcrm/connections";
import { pullHistory } from "@/lib/retailcrm/sync-in";
import { describeEachDb } from "../helpers/db";
import { orgOf } from "../helpers/dialogs";
import { fakePerFile } from "../helpers/fake-per-file";
import { params } from "../helpers/http";
import { count, team } from "../helpers/inbox";
import { pipelinesOf } from "../helpers/pipeline";
import { connectRetailcrm } from "../helpers/retailcrm";
import { startRetailcrmFake } from "../fakes/retailcrm";

const crm = fakePerFile(
  () => startRetailcrmFake(),
  () => ({}),
);
let n = 0;

describeEachDb("RetailCRM sync", () => {
  let orgId: string;
  let conn: Connection;
  let stages: string[];

  beforeAll(async () => {
    const t = await team(`rcs${n++}${Date.now() % 1000}`, "Sync");
    orgId = await orgOf(t.owner);
    const [p] = await pipelinesOf(t.owner);
    stages = p.stages.map((s) => s.id);
    conn = await connectRetailcrm(t.owner, orgId, crm.fake, {
      pipelineId: p.id,
      statusMap: { new: stages[0], "in-work": stages[1] },
    });
  });

  it("applies the change feed once, across restarts and parallel runs, with stage history", async () => {
    const phone = `+7916${String(Date.now() % 1e7).padStart(7, "0")}`;
    const customer = crm.fake.userCreates("customer", {
      firstName: "Мария",
      lastName: "Петрова",
      phones: [{ number: phone }],
    });
    const order = crm.fake.userCreates("order", { number: "A-1", customer: { id: customer.id }, totalSumm: 1500 });
    const [a, b] = await Promise.all([pullHistory(conn, "customers"), pullHistory(conn, "customers")]);
    expect(a.applied + b.applied).toBeGreaterThanOrEqual(1);
    expect(await count("contacts", "org_id = $1 and phone = $2", [orgId, phone])).toBe(1);
    await pullHistory(conn, "orders");
    const [deal] = await asService((sql) =>
      sql.query<{ id: string; stage_id: string }>(
        "select d.id, d.stage_id from public.deals d join public.retailcrm_orders o on o.deal_id = d.id where o.retailcrm_order_id = $1",
        [order.id],
      ),
    );
    expect(deal.stage_id).toBe(stages[0]);
    crm.fake.userEdits("order", order.id, { status: "in-work" });
    await pullHistory(conn, "orders");
    // A restart re-reads from the saved cursor: nothing is applied twice.
    expect((await pullHistory(conn, "orders")).applied).toBe(0);
    expect((await pullHistory(conn, "customers")).applied).toBe(0);
    expect(await count("deals", "id = $1 and stage_id = $2", [deal.id, stages[1]])).toBe(1);
    expect(await count("stage_history", "deal_id = $1", [deal.id])).toBe(2);
    expect(await count("retailcrm_orders", "retailcrm_order_id = $1", [order.id])).toBe(1);
  });

  it("does not echo back what we wrote with our own key", async () => {
    crm.fake.state.customers.length = 0;
    const before = await count("contacts", "org_id = $1", [orgId]);
    // Our own write: made with the connection's key, so the feed marks it apiKey.current.
    await (
      await import("@/lib/retailcrm/connections")
    )
      .clientFor(conn)
      .customerCreate({ firstName: "Echo", phones: [{ number: "+79160000001" }] });
    const r = await pullHistory(conn, "customers");
    expect(r.echoes).toBe(1);
    expect(await count("contacts", "org_id = $1", [orgId])).toBe(before);
  });

  it("the trigger webhook checks its secret: 401 / 403 store nothing, 404 unknown, 413 too large, 202 queues a sync", async () => {
    const post = (id: string, query: string, body = "x=1") =>
      webhook.POST(
        new Request(`http://localhost:3000/api/webhooks/retailcrm/${id}${query}`, { method: "POST", body }),
        params({ connectionId: id }),
      );
    const jobs = () => count("jobs", "name = 'retailcrm.sync' and org_id = $1 and dedupe_key like 'now:%'", [orgId]);
    const start = await jobs();
    expect((await post(conn.id, "")).status).toBe(401);
    expect((await post(conn.id, "?secret=wrong")).status).toBe(403);
    expect(await jobs()).toBe(start);
    expect((await post("00000000-0000-4000-8000-000000000000", "?secret=x")).status).toBe(404);
    expect((await post("not-a-uuid", "?secret=x")).status).toBe(404);
    expect((await post(conn.id, `?secret=${conn.webhookSecret}`, "x".repeat(1024 * 1024 + 10))).status).toBe(413);
    const ok = await post(conn.id, `?secret=${encodeURIComponent(conn.webhookSecret)}`);
    expect(ok.status).toBe(202);
    expect(await jobs()).toBe(start + 1);
  });
});
