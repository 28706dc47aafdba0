// Long-lived background loops, one per configured item (a Telegram bot polled, a PBX's AMI session), kept in
// step with the database by the process that runs the jobs: a scan now and then (and on refresh) starts the
// loops newly wanted and stops those no longer wanted. An item's key says what its loop was started with, so
// a changed key (new settings, a new secret) replaces the loop. Scans run one after another; one that fails
// leaves the loops as they were and does not block the next.

export interface StoppableLoop {
  stop(): Promise<void>;
}

export type SuperviseOptions<T, L extends StoppableLoop> = {
  /** What should run now, by key. */
  wanted: () => Promise<Map<string, T>>;
  start: (item: T) => L;
  /** A loop whose key is still wanted is handed its item again, for what changes without a restart. */
  keep?: (loop: L, item: T) => void | Promise<void>;
  rescanMs: number;
  /** `wanted` threw: the loops continue as they were. */
  onScanError: (error: unknown) => void;
};

export interface LoopSupervisor<L> {
  /** Scans now; resolves once loops have been started and stopped accordingly. */
  refresh(): Promise<void>;
  /** Stops every loop; no scan runs afterwards. */
  stop(): Promise<void>;
  loops(): L[];
}

export function superviseLoops<T, L extends StoppableLoop>(options: SuperviseOptions<T, L>): LoopSupervisor<L> {
  const loops = new Map<string, L>();
  let stopped = false;
  let queue = Promise.resolve();

  const scan = async () => {
    if (stopped) return;
    let wanted: Map<string, T>;
    try {
      wanted = await options.wanted();
    } catch (error) {
      options.onScanError(error);
      return;
    }
    if (stopped) return;
    const ending: Promise<void>[] = [];
    for (const [key, loop] of loops) {
      if (wanted.has(key)) continue;
      loops.delete(key);
      ending.push(loop.stop());
    }
    await Promise.all(ending);
    for (const [key, item] of wanted) {
      const running = loops.get(key);
      if (running) await options.keep?.(running, item);
      else loops.set(key, options.start(item));
    }
  };
  const refresh = () => {
    const next = queue.then(scan);
    queue = next.catch(() => undefined);
    return next;
  };
  const timer = setInterval(() => void refresh(), options.rescanMs);
  timer.unref();
  void refresh();

  return {
    refresh,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await queue;
      await Promise.all([...loops.values()].map((loop) => loop.stop()));
      loops.clear();
    },
    loops: () => [...loops.values()],
  };
}

/** Doubling from minMs to maxMs with ±25 % jitter, so loops that failed together do not retry together. */
export function backoffDelay(failures: number, { minMs, maxMs }: { minMs: number; maxMs: number }): number {
  const exponential = Math.min(maxMs, minMs * 2 ** Math.min(Math.max(failures, 1) - 1, 20));
  return Math.round(exponential * (0.75 + Math.random() * 0.5));
}

/** Waits ms, or less if the signal aborts first. */
export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
