import { asService, dbKind } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto";

// RetailCRM allows 10 requests per second per API key and answers 503 past it. Every request of a key goes
// through one limiter, whichever job or route sends it:
// - in one process, a sliding window per key kept on globalThis (shared by every job the runner runs in
//   parallel, and by every Next.js bundle that loads this module);
// - across processes (several workers, a web server beside a worker), the same window in the database
//   (private.take_retailcrm_slot: one row per key, locked per request), since the database is the one thing
//   they all share (PostgreSQL only: embedded PGlite is one process's). Both apply; the database one costs a round trip per request, small beside RetailCRM's.
// The window is a little longer than a second: a request let through at 0.999 s can reach RetailCRM after one
// let through at 1.000 s, and RetailCRM counts arrivals.

export const RETAILCRM_RPS = 10;
export const WINDOW_MS = 1_050;
// Across processes a grant and its request are further apart (the grant's transaction commits, then the request
// leaves), so the shared window keeps a wider margin.
export const SHARED_WINDOW_MS = 1_150;

export interface Limiter {
  /** Resolves when one request of this key may be sent. */
  acquire(apiKey: string, signal?: AbortSignal): Promise<void>;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/** A sliding window per key in this process: at most `perWindow` grants in any `windowMs`. */
export class LocalLimiter implements Limiter {
  private readonly grants = new Map<string, number[]>();
  // Callers of one key wait in line, so the window is checked by one of them at a time.
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    private readonly perWindow = RETAILCRM_RPS,
    private readonly windowMs = WINDOW_MS,
  ) {}

  acquire(apiKey: string, signal?: AbortSignal): Promise<void> {
    const key = sha256Hex(apiKey);
    const previous = this.tails.get(key) ?? Promise.resolve();
    const turn = previous.then(() => this.take(key, signal));
    // A caller that gave up (aborted) must not block the ones behind it.
    this.tails.set(
      key,
      turn.catch(() => undefined),
    );
    return turn;
  }

  private async take(key: string, signal?: AbortSignal) {
    for (;;) {
      const now = Date.now();
      const recent = (this.grants.get(key) ?? []).filter((t) => t > now - this.windowMs);
      if (recent.length < this.perWindow) {
        recent.push(now);
        this.grants.set(key, recent);
        return;
      }
      this.grants.set(key, recent);
      await sleep(recent[recent.length - this.perWindow] + this.windowMs - now + 1, signal);
    }
  }
}

/** The same window in the database, for processes that share it. */
export class DatabaseLimiter implements Limiter {
  constructor(
    private readonly perWindow = RETAILCRM_RPS,
    private readonly windowMs = SHARED_WINDOW_MS,
  ) {}

  async acquire(apiKey: string, signal?: AbortSignal): Promise<void> {
    const key = sha256Hex(apiKey);
    for (;;) {
      const [row] = await asService((sql) =>
        sql.query<{ wait: number }>("select private.take_retailcrm_slot($1, $2, $3) as wait", [
          key,
          this.perWindow,
          this.windowMs,
        ]),
      );
      if (row.wait <= 0) return;
      await sleep(row.wait, signal);
    }
  }
}

/** Both: the local window first (no round trip while this process alone is over the limit), then the shared one. */
export class SharedLimiter implements Limiter {
  constructor(
    private readonly local: Limiter = new LocalLimiter(),
    private readonly shared: Limiter = new DatabaseLimiter(),
  ) {}
  async acquire(apiKey: string, signal?: AbortSignal) {
    await this.local.acquire(apiKey, signal);
    // Embedded PGlite belongs to one process, so the local window is already the whole truth there.
    if ((await dbKind()) !== "pglite") await this.shared.acquire(apiKey, signal);
  }
}

const holder = globalThis as { __relayRetailcrmLimiter?: Limiter };

/** The process's limiter (one for every client of every key). */
export function sharedLimiter(): Limiter {
  return (holder.__relayRetailcrmLimiter ??= new SharedLimiter());
}
