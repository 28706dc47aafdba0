import { expect, it } from "vitest";
import { RetailcrmClient, RetailcrmError } from "@/lib/retailcrm/client";
import { DatabaseLimiter, LocalLimiter, SharedLimiter } from "@/lib/retailcrm/limiter";
import { describeEachDb } from "../helpers/db";
import { fakePerFile } from "../helpers/fake-per-file";
import { startRetailcrmFake } from "../fakes/retailcrm";

const crm = fakePerFile(
  () => startRetailcrmFake(),
  () => ({}),
);

const client = (over: { apiKey?: string; limiter?: LocalLimiter | SharedLimiter; maxAttempts?: number } = {}) =>
  new RetailcrmClient(
    { apiUrl: crm.fake.url, apiKey: over.apiKey ?? crm.fake.apiKey, site: "shop" },
    { limiter: over.limiter ?? new LocalLimiter(), baseDelayMs: 20, maxAttempts: over.maxAttempts },
  );

async function thrown(p: Promise<unknown>): Promise<RetailcrmError> {
  try {
    await p;
  } catch (e) {
    return e as RetailcrmError;
  }
  throw new Error("expected an error");
}

describeEachDb("RetailCRM API client", ({ kind }) => {
  it("sends the key in X-API-KEY and writes as form fields holding JSON", async () => {
    const phone = `+7916${String(Date.now()).slice(-7)}`;
    const id = await client().customerCreate({ firstName: "Анна", phones: [{ number: phone }] });
    expect(id).toBeGreaterThan(0);
    const [req] = crm.fake.state.requests;
    expect(req.path).toBe("/api/v5/customers/create");
    expect(req.form).toMatchObject({ site: "shop", customer: { firstName: "Анна" } });
    const found = await client().customersByPhone(phone);
    expect(found.map((c) => c.id)).toEqual([id]);
    expect(crm.fake.state.requests[1].query.get("filter[sites][]")).toBe("shop");
  });

  it("maps RetailCRM's error envelope to a clear message and does not retry what waiting cannot fix", async () => {
    const wrong = await thrown(client({ apiKey: "nope" }).credentials());
    expect(wrong).toBeInstanceOf(RetailcrmError);
    expect(wrong.status).toBe(403);
    expect(wrong.retryable).toBe(false);
    expect(wrong.message).toMatch(/Wrong "apiKey" value\..*API key is wrong/);

    const invalid = await thrown(client().customerCreate({}));
    expect(invalid.message).toBe(
      "RetailCRM: Errors in the entity format — firstName: firstName or a phone must be provided",
    );
    crm.fake.fail({
      status: 400,
      body: { success: false, errorMsg: "Failed to activate module", errors: ["No funds", "Test error"] },
    });
    const list = await thrown(client().integrationModuleEdit("relay", { code: "relay" }));
    expect(list.message).toBe("RetailCRM: Failed to activate module — No funds; Test error");
    expect(crm.fake.state.requests.filter((r) => r.path.includes("integration-modules"))).toHaveLength(1);
  });

  it("retries 503 and 429 with backoff, honours Retry-After, and gives up with a retryable error", async () => {
    crm.fake.fail({ status: 503 });
    crm.fake.fail({ status: 429, retryAfter: "1", body: { success: false, errorMsg: "Rate limit exceeded" } });
    const started = Date.now();
    await client().credentials();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(crm.fake.state.requests).toHaveLength(3);

    for (let i = 0; i < 3; i++)
      crm.fake.fail({ status: 503, body: { success: false, errorMsg: "Rate limit exceeded" } });
    const gaveUp = await thrown(client({ maxAttempts: 3 }).credentials());
    expect(gaveUp.retryable).toBe(true);
    expect(gaveUp.message).toMatch(/Rate limit exceeded.*rate limit was hit/);
  });

  it("uploads in batches of 50", async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ externalId: `b-${i}`, firstName: `N${i}` }));
    const ids = await client().upload("customers", rows);
    expect(ids).toHaveLength(120);
    const sizes = crm.fake.state.requests.map((r) => (r.form.customers as unknown[]).length);
    expect(sizes).toEqual([50, 50, 20]);
  });

  it("never lets more than 10 requests a second through, for parallel callers in one process", async () => {
    const shared = new LocalLimiter();
    const clients = [0, 1, 2, 3].map(() => client({ limiter: shared }));
    await Promise.all(Array.from({ length: 36 }, (_, i) => clients[i % 4].credentials()));
    expect(crm.fake.state.limited).toBe(0);
    expect(crm.fake.maxPerSecond()).toBeLessThanOrEqual(10);
    expect(crm.fake.maxInAnyWindow()).toBeLessThanOrEqual(10);
    // And it is not just slow: the 36 requests took about 3.5 windows.
    const span = crm.fake.state.requests.at(-1)!.at - crm.fake.state.requests[0].at;
    expect(span).toBeLessThan(4_500);
  });

  it("and across processes sharing the database (each with its own local limiter)", async () => {
    // Only PostgreSQL is shared between processes; embedded PGlite is one process's.
    if (kind === "postgres") {
      const processes = [0, 1, 2].map(() =>
        client({ limiter: new SharedLimiter(new LocalLimiter(), new DatabaseLimiter()) }),
      );
      await Promise.all(Array.from({ length: 30 }, (_, i) => processes[i % 3].credentials()));
      expect(crm.fake.state.limited).toBe(0);
      expect(crm.fake.maxInAnyWindow()).toBeLessThanOrEqual(10);
    }

    // Without any limiter the fake does refuse: the check above can fail.
    crm.fake.reset();
    const unlimited = { acquire: async () => {} };
    const raw = new RetailcrmClient(
      { apiUrl: crm.fake.url, apiKey: crm.fake.apiKey, site: "shop" },
      { limiter: unlimited, maxAttempts: 1 },
    );
    await Promise.allSettled(Array.from({ length: 15 }, () => raw.credentials()));
    expect(crm.fake.state.limited).toBeGreaterThan(0);
  });
});
