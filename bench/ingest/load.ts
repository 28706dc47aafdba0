/** Closed-loop load: `concurrency` workers, each sending its next request when the last one is answered. */
export type LoadResult = { ok: number; errors: number; seconds: number; perSecond: number; p50: number; p99: number };

export type RequestFactory = () => { url: string; init: RequestInit };

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runLoad(make: RequestFactory, concurrency: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const { url, init } = make();
      const t0 = performance.now();
      try {
        const res = await fetch(url, init);
        await res.arrayBuffer();
        if (res.ok) latencies.push(performance.now() - t0);
        else {
          errors++;
          firstError ??= `${res.status}`;
        }
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  if (firstError) console.warn(`  ${errors} errors, first: ${firstError}`);
  latencies.sort((a, b) => a - b);
  return {
    ok: latencies.length,
    errors,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
