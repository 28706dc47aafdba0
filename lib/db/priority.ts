import { AsyncLocalStorage } from "node:async_hooks";

// The embedded database is one connection: a background job's transaction and a webhook's or a page's wait in
// one queue. Under a busy line the jobs runner took a share of it the calls' pop-ups then waited behind (bench
// telephony at 50 events/s: pop-up p95 2.4 s with the runner, 0.6-0.8 s without it). Work marked as background (the in-process jobs runner)
// therefore waits until no foreground transaction is running or queued — for at most a second, so a store
// that never goes quiet still runs its jobs. On PostgreSQL each transaction has its own connection: no gate.

const background = new AsyncLocalStorage<true>();

/** Runs fn (and everything it starts) as background work. */
export const inBackground = <T>(fn: () => Promise<T>): Promise<T> => background.run(true, fn);

/**
 * A gate for one connection's transactions: foreground first; background one at a time when it is quiet (all
 * of them released at once would queue in front of the next request).
 */
export function priorityGate(maxWaitMs = 1_000) {
  let foreground = 0;
  let backgroundRunning = false;
  const waiting: (() => void)[] = [];
  const next = () => {
    if (foreground === 0 && !backgroundRunning) waiting.shift()?.();
  };
  return async function gated<T>(run: () => Promise<T>): Promise<T> {
    if (!background.getStore()) {
      foreground++;
      try {
        return await run();
      } finally {
        foreground--;
        next();
      }
    }
    if (foreground > 0 || backgroundRunning || waiting.length > 0)
      await new Promise<void>((resolve) => {
        const go = () => {
          clearTimeout(timer);
          resolve();
        };
        // Waited long enough: out of the queue, and through.
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(go), 1);
          resolve();
        }, maxWaitMs);
        waiting.push(go);
      });
    backgroundRunning = true;
    try {
      return await run();
    } finally {
      backgroundRunning = false;
      next();
    }
  };
}
