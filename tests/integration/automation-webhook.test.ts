import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { webhookJob } from "@/lib/automation/webhook";
import { startRunner, type Runner } from "@/lib/jobs";
import { createRule, deliveriesOf, drainJobs, EVENT_JOBS, patchRuleRes, runsOf } from "../helpers/automation";
import { describeEachDb } from "../helpers/db";
import { eventually, team } from "../helpers/inbox";
import { createDeal } from "../helpers/pipeline";

type Received = { headers: Record<string, string | string[] | undefined>; body: string; verified: boolean };

/**
 * A receiver as a customer would write one: recomputes HMAC-SHA256 over `${timestamp}.${raw body}` with the
 * rule's secret and compares in constant time; answers with the next status of its script (then 200).
 */
function startReceiver(secret: () => string, script: number[]) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const ts = String(req.headers["x-relay-timestamp"] ?? "");
      const given = Buffer.from(String(req.headers["x-relay-signature"] ?? ""));
      const wanted = Buffer.from(`sha256=${createHmac("sha256", secret()).update(`${ts}.${body}`).digest("hex")}`);
      const fresh = Math.abs(Date.now() / 1000 - Number(ts)) < 300;
      const verified = fresh && given.length === wanted.length && timingSafeEqual(given, wanted);
      received.push({ headers: req.headers, body, verified });
      const status = verified ? (script.shift() ?? 200) : 401;
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "try later");
    });
  });
  return new Promise<{ url: string; received: Received[]; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/relay`,
        received,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

describeEachDb("automation webhook action", () => {
  let a: Awaited<ReturnType<typeof team>>;
  let secret = "";
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let runner: Runner | undefined;

  beforeAll(async () => {
    a = await team("auw", "Alpha Hooks");
    receiver = await startReceiver(() => secret, [500, 503]);
  });
  afterAll(async () => {
    await runner?.stop();
    await receiver.close();
  });

  it("POSTs the deal signed with the rule's secret, retries a 500 with backoff, and logs every attempt", async () => {
    const rule = await createRule(a.owner, {
      name: "New deal → CRM hook",
      trigger: { type: "deal_created" },
      actions: [{ type: "webhook", url: receiver.url }],
    });
    secret = rule.webhookSecret;
    const deal = await createDeal(a.agent, { title: "Сделка для вебхука", amount: "9900", currency: "RUB" });
    await drainJobs(EVENT_JOBS);
    expect(await runsOf(a.owner, rule.id)).toHaveLength(1);

    runner = startRunner({ jobs: [webhookJob], pollMs: 20, backoffMs: 30, maxBackoffMs: 100 });
    await eventually(async () => receiver.received.filter((r) => r.verified).length >= 3, 15_000);
    const deliveries = await eventually(async () => {
      const d = await deliveriesOf(a.viewer, rule.id);
      return d.length >= 3 && d;
    });
    await runner.stop();
    runner = undefined;

    expect(receiver.received.every((r) => r.verified)).toBe(true);
    const body = JSON.parse(receiver.received[0].body);
    expect(body).toMatchObject({
      event: "deal_created",
      rule: { id: rule.id, name: "New deal → CRM hook" },
      deal: { id: deal.id, title: "Сделка для вебхука", amount: 9900 },
    });
    expect(receiver.received[0].body).not.toContain(secret);
    // One delivery id across the retries, so the receiver can deduplicate.
    expect(new Set(receiver.received.map((r) => r.headers["x-relay-delivery"])).size).toBe(1);
    expect(deliveries.map((d) => [d.attempt, d.statusCode, d.ok]).sort((x, y) => Number(x[0]) - Number(y[0]))).toEqual([
      [1, 500, false],
      [2, 503, false],
      [3, 200, true],
    ]);
    expect(deliveries.every((d) => d.url === receiver.url && d.ruleId === rule.id)).toBe(true);
    expect(receiver.received).toHaveLength(3);
    expect((await patchRuleRes(a.owner, rule.id, { enabled: false })).status).toBe(200);
  });

  it("a receiver holding another secret rejects the call; rotating the secret signs with the new one", async () => {
    const rule = await createRule(a.owner, {
      name: "Rotated",
      trigger: { type: "deal_created" },
      actions: [{ type: "webhook", url: receiver.url }],
    });
    secret = "whsec_not_the_rules";
    const before = receiver.received.length;
    await createDeal(a.agent, { title: "Чужой секрет" });
    await drainJobs([...EVENT_JOBS, "automation.webhook"]);
    expect(receiver.received.slice(before).map((r) => r.verified)).toEqual([false]);
    expect((await deliveriesOf(a.owner, rule.id)).map((d) => [d.statusCode, d.ok])).toEqual([[401, false]]);

    const rotated = (await (await patchRuleRes(a.owner, rule.id, { rotateSecret: true })).json()) as {
      webhookSecret: string;
    };
    secret = rotated.webhookSecret;
    await createDeal(a.agent, { title: "Новый секрет" });
    await drainJobs([...EVENT_JOBS, "automation.webhook"]);
    expect(receiver.received.at(-1)?.verified).toBe(true);
  });
});
