import type { z } from "zod";
import type { Sql } from "@/lib/db";
import { defineJob, PermanentJobError, type JobHandle } from "@/lib/jobs/registry";

/**
 * A module's reaction to another module's event. Steps run in the order they are registered, as the service,
 * with the organisation; one that throws makes the event's job retry, so a step must be idempotent.
 */
export type EventStep<E> = {
  name: string;
  /**
   * Whether the step would act on this event, asked when the event is published (in the emitter's transaction):
   * an event none of whose steps want it is never queued. A step that cannot tell leaves it out (always wanted).
   */
  wants?(event: E & { orgId: string }, sql: Sql): Promise<boolean>;
  run(event: E & { orgId: string; job: JobHandle }): Promise<void>;
};

/**
 * The one mechanism modules publish events through: a job named after the event whose body runs each
 * registered step. The emitter lists its listeners' steps by hand in its events file, so no Next.js bundle can
 * miss one, and publishes by enqueueing the job (in its own transaction, so the event commits with the change).
 * When every step can tell whether it would act (`wants`) and none would, nothing is queued.
 */
export function defineEvent<Name extends string, Schema extends z.ZodType>(spec: {
  name: Name;
  schema: Schema;
  steps: EventStep<z.output<Schema>>[];
  maxAttempts?: number;
}) {
  const { name, schema, steps, maxAttempts = 5 } = spec;
  async function wanted(payload: z.output<Schema>, { sql, orgId }: { sql: Sql; orgId: string | null }) {
    if (!orgId) return true; // to fail in the job, as an event without its organisation always did
    for (const step of steps)
      if (await step.wants!({ ...(payload as z.output<Schema> & object), orgId }, sql)) return true;
    return false;
  }
  return defineJob({
    name,
    schema,
    maxAttempts,
    // Read at each enqueue, as a step may be registered later (a test's listener): with a step that cannot tell,
    // the event is always queued and nothing is asked.
    get wanted() {
      return steps.every((step) => step.wants) ? wanted : undefined;
    },
    async run(payload, ctx) {
      const orgId = ctx.orgId;
      if (!orgId) throw new PermanentJobError(`${name} needs the organisation`);
      const done: string[] = [];
      for (const step of steps) {
        await step.run({
          ...(payload as z.output<Schema> & object),
          orgId,
          job: { id: ctx.jobId, signal: ctx.signal },
        });
        done.push(step.name);
      }
      return { steps: done };
    },
  });
}
