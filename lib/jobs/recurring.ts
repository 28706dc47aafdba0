import { z } from "zod";
import { enqueue } from "./enqueue";
import { defineJob } from "./registry";

// A job that runs once a period as a chain: each run schedules the next when it ends, however it ended. The
// dedupe key is the period's start, so however many processes (each starts the chain at boot) or chains ask,
// one run is queued per period. A one-off run (`repeat: false`) leaves the chain alone. A job that can fall
// behind (`busy` says so from its result) runs again after `busyEveryMs` instead, keyed by that shorter period
// (the running job still holds the long period's key), until a run finds little to do.

const payload = z.object({
  /** Schedules the next run when done (the chain); a one-off run leaves it out. */
  repeat: z.boolean().default(true),
});

export function defineRecurringJob<Name extends string, Result>(o: {
  name: Name;
  everyMs: number;
  run: () => Promise<Result>;
  busyEveryMs?: number;
  busy?: (result: Result) => boolean;
}) {
  const key = (at: Date, every = o.everyMs) =>
    `${o.name}:${every === o.everyMs ? "" : `${every}ms:`}${Math.floor(at.getTime() / every)}`;
  const schedule = (from = Date.now(), every = o.everyMs) => {
    const runAt = new Date(from + every);
    return enqueue(job, {}, { runAt, dedupeKey: key(runAt, every) });
  };
  const job = defineJob({
    name: o.name,
    schema: payload,
    maxAttempts: 3,
    async run({ repeat }) {
      let every = o.everyMs;
      try {
        const result = await o.run();
        if (o.busyEveryMs && o.busy?.(result)) every = o.busyEveryMs;
        return result;
      } finally {
        if (repeat) await schedule(Date.now(), every);
      }
    },
  });
  /** At server start: a run now, which starts or rejoins the chain. */
  const start = () => enqueue(job, {}, { dedupeKey: key(new Date()) });
  return { job, schedule, start };
}
