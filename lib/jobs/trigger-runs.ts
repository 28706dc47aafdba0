import { auth, runs } from "@trigger.dev/sdk";
import { env } from "@/lib/env";

/** A run as the in-process queue's jobs table describes it, whichever backend ran it. */
export type JobState = {
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  progress: Record<string, unknown> | null;
  result: unknown;
  last_error: string | null;
};

const RUNNING = new Set(["DEQUEUED", "EXECUTING", "WAITING"]);
const QUEUED = new Set(["PENDING_VERSION", "QUEUED", "DELAYED"]);

/**
 * A Trigger.dev run of `task` started for `orgId` (enqueue() puts the organisation in the run's metadata, the task
 * wrapper its progress): undefined when there is no such run, or it is another task's or organisation's.
 */
export async function readTriggerRun(runId: string, task: string, orgId: string): Promise<JobState | undefined> {
  const { TRIGGER_SECRET_KEY, TRIGGER_API_URL } = env();
  if (!TRIGGER_SECRET_KEY || !/^run_[a-z0-9]+$/i.test(runId)) return undefined;
  let run;
  try {
    run = await auth.withAuth({ secretKey: TRIGGER_SECRET_KEY, baseURL: TRIGGER_API_URL }, () => runs.retrieve(runId));
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
  if (run.taskIdentifier !== task || run.metadata?.orgId !== orgId) return undefined;
  const progress = run.metadata?.progress;
  return {
    status:
      run.status === "COMPLETED"
        ? "succeeded"
        : run.status === "CANCELED"
          ? "cancelled"
          : RUNNING.has(run.status)
            ? "running"
            : QUEUED.has(run.status)
              ? "queued"
              : "failed",
    progress: progress && typeof progress === "object" ? (progress as Record<string, unknown>) : null,
    result: run.output ?? null,
    last_error: run.error?.message ?? null,
  };
}

/** Cancels a Trigger.dev run of `task` for `orgId`; false when there is no such run or it already ended. */
export async function cancelTriggerRun(runId: string, task: string, orgId: string): Promise<boolean> {
  const state = await readTriggerRun(runId, task, orgId);
  if (!state || (state.status !== "queued" && state.status !== "running")) return false;
  const { TRIGGER_SECRET_KEY, TRIGGER_API_URL } = env();
  await auth.withAuth({ secretKey: TRIGGER_SECRET_KEY!, baseURL: TRIGGER_API_URL }, () => runs.cancel(runId));
  return true;
}
