// The load generator's own process (forked by load.ts): its event loop does nothing but send requests and time
// them, so the driver's bookkeeping never delays a request and the measured latency is the server's.
import http from "node:http";
import type { LoadResult, LoadSpec } from "./load";

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** One request on a kept-alive socket; resolves to the status once the whole answer has arrived. */
function send(agent: http.Agent, url: URL, spec: LoadSpec, body: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        agent,
        method: spec.method,
        headers: body === undefined ? spec.headers : { ...spec.headers, "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function run(spec: LoadSpec, concurrency: number, seconds: number): Promise<LoadResult & { nextSeq: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(spec.url);
  const latencies: number[] = [];
  const completions: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let seq = spec.seq;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const n = ++seq;
      const body = spec.body
        ?.replaceAll("%SEQ%", String(n))
        .replaceAll("%CLIENT%", String(500_000 + (n % (spec.clients ?? 1))));
      const t0 = performance.now();
      try {
        const status = await send(agent, url, spec, body);
        completions.push(performance.now() - started);
        if (status >= 200 && status < 300) latencies.push(performance.now() - t0);
        else {
          errors++;
          firstError ??= String(status);
        }
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  let stall = { ms: 0, at: 0 };
  for (let i = 1; i < completions.length; i++) {
    const gap = completions[i] - completions[i - 1];
    if (gap > stall.ms) stall = { ms: gap, at: completions[i - 1] };
  }
  return {
    stall,
    ok: latencies.length,
    errors,
    firstError,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    nextSeq: seq,
  };
}

// One run at a time, asked for by the driver; the process stays for the next one (its JIT stays warm).
process.on("message", (msg: { spec: LoadSpec; concurrency: number; seconds: number }) => {
  void run(msg.spec, msg.concurrency, msg.seconds).then(
    (result) => process.send!({ result }),
    (error: Error) => process.send!({ error: error.message }),
  );
});
process.on("disconnect", () => process.exit(0));
