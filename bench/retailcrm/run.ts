// npm run bench:retailcrm — 10,000 customers uploaded through the RetailCRM client (customers/upload, 50 per
// request, the process's limiter) against the local fake at its 10 requests/s; prints customers/s beside the
// ideal 500/s and the most requests the fake saw in any second. Measures the client and limiter only: the
// first-sync job's database reads and link writes are not in this figure (not yet benchmarked).
import { RetailcrmClient } from "../../lib/retailcrm/client";
import { LocalLimiter } from "../../lib/retailcrm/limiter";
import { startRetailcrmFake } from "../../tests/fakes/retailcrm";

const N = 10_000;
const fake = await startRetailcrmFake();
const client = new RetailcrmClient(
  { apiUrl: fake.url, apiKey: fake.apiKey, site: "shop" },
  { limiter: new LocalLimiter() },
);
const rows = Array.from({ length: N }, (_, i) => ({
  externalId: `c-${i}`,
  firstName: `Client ${i}`,
  phones: [{ number: `+7916${String(i).padStart(7, "0")}` }],
}));
const started = Date.now();
await client.upload("customers", rows);
const secs = (Date.now() - started) / 1000;
const rate = N / secs;
console.log(
  `customers/s: ${rate.toFixed(0)} (ideal 500/s, ${((rate / 500) * 100).toFixed(0)}% of ideal; target >= 80%)`,
);
console.log(
  `max requests in one second: ${fake.maxPerSecond()} (limit 10); in any 1000 ms window: ${fake.maxInAnyWindow()}; refused 503: ${fake.state.limited}`,
);
await fake.close();
