import { env } from "@/lib/env";
import { startRunner, type Runner, type RunnerOptions } from "./runner";

export { enqueue, enqueueAll, type EnqueueOptions, type Enqueued, type JobRequest } from "./enqueue";
export {
  defineJob,
  JobPayloadError,
  PermanentJobError,
  RetryLaterError,
  type AnyJob,
  type JobContext,
  type JobDefinition,
  type JobPayload,
  type JobResult,
} from "./registry";
export { startRunner, type Runner, type RunnerOptions } from "./runner";
export type { JobRow, JobStatus } from "./store";

// One runner per process: Next.js may load this module once per bundle, globalThis is shared.
const holder = ((globalThis as { __relayJobs?: { runner?: Runner } }).__relayJobs ??= {});

/** True when jobs run in this process: no Trigger.dev key and JOBS_RUNNER is not "off". */
export function inProcessJobsEnabled() {
  const { TRIGGER_SECRET_KEY, JOBS_RUNNER } = env();
  return !TRIGGER_SECRET_KEY && JOBS_RUNNER !== "off";
}

/** Called once at server start (instrumentation.ts). Returns the runner, or undefined when disabled. */
export function startJobsRunnerIfEnabled(options?: RunnerOptions): Runner | undefined {
  if (!inProcessJobsEnabled()) return undefined;
  if (holder.runner) return holder.runner;
  const runner = (holder.runner = startRunner(options));
  // A runner that could not open the database is dropped, so a later call can try again.
  runner.ready.catch(() => {
    if (holder.runner === runner) holder.runner = undefined;
  });
  return runner;
}

/** Graceful shutdown: running jobs finish (or are handed back to the queue), nothing new is claimed. */
export async function stopJobsRunner() {
  const runner = holder.runner;
  holder.runner = undefined;
  await runner?.stop();
}
