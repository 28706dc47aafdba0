import { AbortTaskRunError, metadata, schemaTask } from "@trigger.dev/sdk";
import { DEFAULT_MAX_ATTEMPTS, PermanentJobError, RetryLaterError, type JobDefinition } from "./registry";
import type { z } from "zod";

/**
 * The Trigger.dev task for a job: same id as the job's name, same schema, same body. enqueue() puts the
 * organisation in the run's metadata; progress goes there too, where the dashboard and realtime show it.
 * Retries follow the same policy as the in-process runner.
 */
export function triggerTaskFor<Name extends string, Schema extends z.ZodType, Result>(
  job: JobDefinition<Name, Schema, Result>,
) {
  return schemaTask({
    id: job.name,
    schema: job.schema,
    retry: {
      maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      factor: 2,
      minTimeoutInMs: 1_000,
      maxTimeoutInMs: 10 * 60_000,
      randomize: true,
    },
    // A body that asks to be retried at a given delay gets that delay instead of the exponential one.
    catchError: ({ error }) => (error instanceof RetryLaterError ? { retryDelayInMs: error.delayMs } : undefined),
    run: async (payload, { ctx, signal }) => {
      const orgId = metadata.get("orgId");
      try {
        // schemaTask parsed it with this very schema; TypeScript cannot follow that through the generic.
        return await job.run(payload as z.output<Schema>, {
          jobId: ctx.run.id,
          orgId: typeof orgId === "string" ? orgId : null,
          attempt: ctx.attempt.number,
          maxAttempts: ctx.run.maxAttempts ?? job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          signal,
          progress: async (progress) => {
            metadata.set("progress", progress);
          },
        });
      } catch (error) {
        if (error instanceof PermanentJobError) throw new AbortTaskRunError(error.message);
        throw error;
      }
    },
  });
}
