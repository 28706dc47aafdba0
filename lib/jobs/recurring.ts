import { z } from "zod";
import { enqueue } from "./enqueue";
import { defineJob } from "./registry";

// A job that runs once a period as a chain: each run schedules the next when it ends, however it ended. The
// dedupe key is the period's start, so however many processes (each starts the chain at boot) or chains ask,
// one run is queued per period. A one-off run (`repeat: false`) leaves the chain alone.

const payload = z.object({
  /** Schedules the next run when done (the chain); a one-off run leaves it out. */
  repeat: z.boolean().default(true),
});

export function defineRecurringJob<Name extends string, Result>(o: {
  name: Name;
  everyMs: number;
  run: () => Promise<Result>;
}) {
  const key = (at: Date) => `${o.name}:${Math.floor(at.getTime() / o.everyMs)}`;
  const schedule = (from = Date.now()) => {
    const runAt = new Date(from + o.everyMs);
    return enqueue(job, {}, { runAt, dedupeKey: key(runAt) });
  };
  const job = defineJob({
    name: o.name,
    schema: payload,
    maxAttempts: 3,
    async run({ repeat }) {
      try {
        return await o.run();
      } finally {
        if (repeat) await schedule();
      }
    },
  });
  /** At server start: a run now, which starts or rejoins the chain. */
  const start = () => enqueue(job, {}, { dedupeKey: key(new Date()) });
  return { job, schedule, start };
}
