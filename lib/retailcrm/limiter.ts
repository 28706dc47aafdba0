import { asService, dbKind } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto";

// RetailCRM allows 10 requests per second per API key and answers 503 past it. Every request of a key goes
// through one limiter, whichever job or route sends it:
// - in one process, a sliding window per key kept on globalThis (shared by every job the runner runs in
//   parallel, and by every Next.js bundle that loads this module);
// - across processes (several workers, a web server beside a worker), the same window in the database
//   (private.take_retailcrm_slot: one row per key, locked per request), since the database is the one thing
//   they all share (PostgreSQL only: embedded PGlite is one process's). Both apply; the database one costs a round trip per request, small beside RetailCRM's.
// RetailCRM counts arrivals, which fall between a request's grant and its answer; in the local window a slot is held from
// the grant until the request is done (the release acquire() returns) and only then ages out of the window.
// Counted from grants alone, a slow first request (a new TCP connection) let 11 arrive within one second
// (bench:retailcrm). The window is also a little longer than a second, for the clocks' and sockets' jitter.

export const RETAILCRM_RPS = 10;
export const WINDOW_MS = 1_050;
// Across processes a grant and its request are further apart (the grant's transaction commits, then the request
// leaves), so the shared window keeps a wider margin; it too holds a slot until the request is done.
export const SHARED_WINDOW_MS = 1_150;
// The longest a request can take (the client's timeout is 20 s): a process that dies mid-request frees its slot then.
const HOLD_MS = 30_000;

/** Called when the request the slot was for is done (answered or failed). */
export type Release = () => void;

export interface Limiter {
  /** Resolves when one request of this key may be sent; call the release, if one is given, when it is done. */
  acquire(apiKey: string, signal?: AbortSignal): Promise<Release | void>;
}

// A slot: in flight (done undefined) or done at a time, aging out of the window from then.
type Slot = { done?: number };

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

/**
 * A sliding window per key in this process: at most `perWindow` requests in flight or done within the last
 * `windowMs`.
 */
export class LocalLimiter implements Limiter {
  private readonly slots = new Map<string, Slot[]>();
  // Callers of one key wait in line, so the window is checked by one of them at a time.
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly perWindow = RETAILCRM_RPS,
    private readonly windowMs = WINDOW_MS,
  ) {}

  acquire(apiKey: string, signal?: AbortSignal): Promise<Release> {
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

  private async take(key: string, signal?: AbortSignal): Promise<Release> {
    for (;;) {
      const now = Date.now();
      const live = (this.slots.get(key) ?? []).filter((s) => s.done === undefined || s.done > now - this.windowMs);
      this.slots.set(key, live);
      if (live.length < this.perWindow) {
        const slot: Slot = {};
        live.push(slot);
        return () => {
          slot.done ??= Date.now();
        };
      }
      // The earliest done slot frees first; with every slot still in flight, look again shortly.
      const done = live.flatMap((s) => (s.done === undefined ? [] : [s.done])).sort((a, b) => a - b);
      const over = live.length - this.perWindow;
      await sleep(done.length > over ? Math.max(1, done[over] + this.windowMs - now + 1) : 5, signal);
    }
  }
}

/** The same window in the database, for processes that share it; a slot is held until its request is done. */
export class DatabaseLimiter implements Limiter {
  constructor(
    private readonly perWindow = RETAILCRM_RPS,
    private readonly windowMs = SHARED_WINDOW_MS,
    private readonly holdMs = HOLD_MS,
  ) {}

  async acquire(apiKey: string, signal?: AbortSignal): Promise<Release> {
    const key = sha256Hex(apiKey);
    for (;;) {
      const [row] = await asService((sql) =>
        // The slot as text: a Date would drop its microseconds and never match again on release.
        sql.query<{ wait: number; slot: string | null }>(
          "select wait, slot::text from private.take_retailcrm_slot($1, $2, $3, $4)",
          [key, this.perWindow, this.windowMs, this.holdMs],
        ),
      );
      if (row.wait <= 0 && row.slot) {
        const slot = row.slot;
        return () =>
          void asService((sql) =>
            sql.query("select private.release_retailcrm_slot($1, $2::timestamptz)", [key, slot]),
          ).catch(
            // A lost release only keeps the slot until its hold ends: slower, never over the limit.
            () => {},
          );
      }
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
    const release = await this.local.acquire(apiKey, signal);
    try {
      // Embedded PGlite belongs to one process, so the local window is already the whole truth there.
      if ((await dbKind()) === "pglite") return release;
      const releaseShared = await this.shared.acquire(apiKey, signal);
      return () => {
        releaseShared?.();
        release?.();
      };
    } catch (error) {
      release?.();
      throw error;
    }
  }
}

const holder = globalThis as { __relayRetailcrmLimiter?: Limiter };

/** The process's limiter (one for every client of every key). */
export function sharedLimiter(): Limiter {
  return (holder.__relayRetailcrmLimiter ??= new SharedLimiter());
}
