import type { z } from "zod";
import type { Sql } from "@/lib/db";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** What a job body gets besides its payload: the same shape whether the in-process runner or Trigger.dev runs it. */
export interface JobContext {
  jobId: string;
  /** The organisation the job was enqueued for; the body scopes every statement to it. */
  orgId: string | null;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the runner shuts down; long bodies should stop early and throw. */
  signal: AbortSignal;
  /** Records how far the job got (jobs.progress locally, run metadata on Trigger.dev). */
  progress(progress: JsonObject): Promise<void>;
}

/** The running job as work done on its behalf sees it: its id to record, its signal to stop at. */
export type JobHandle = { id: string; signal: AbortSignal };

export interface JobDefinition<Name extends string = string, Schema extends z.ZodType = z.ZodType, Result = unknown> {
  name: Name;
  schema: Schema;
  /** Attempts before the job is marked failed (default 5). */
  maxAttempts?: number;
  /**
   * Asked as the job is enqueued, in the caller's transaction (else a service one): false when the job would do
   * nothing for this payload — an event no listener acts on — and then it is not queued at all. Without it,
   * always queued.
   */
  wanted?(payload: z.output<Schema>, ctx: { sql: Sql; orgId: string | null }): Promise<boolean>;
  run(payload: z.output<Schema>, ctx: JobContext): Promise<Result>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJob = JobDefinition<string, z.ZodType, any>;
export type JobPayload<J extends AnyJob> = z.input<J["schema"]>;
export type JobResult<J extends AnyJob> = Awaited<ReturnType<J["run"]>>;

export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * A job: its name, the zod schema of its payload beside the body, and the body itself. The schema is
 * checked when the job is enqueued and again when it runs, on either backend.
 */
export function defineJob<Name extends string, Schema extends z.ZodType, Result>(
  definition: JobDefinition<Name, Schema, Result>,
): JobDefinition<Name, Schema, Result> {
  if (!/^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/.test(definition.name)) {
    // Trigger.dev task ids and our job names are the same string, so both sides' rules apply.
    throw new Error(`job name "${definition.name}" must be lowercase words joined by "." or "-"`);
  }
  return definition;
}

/** Thrown by a job body when retrying cannot help (bad input, a deleted record): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

/**
 * Thrown by a job body to be tried again after delayMs rather than after the usual backoff, e.g. when a
 * provider answered 429 with retry_after. It counts as an attempt: a job that is always told to wait still ends.
 */
export class RetryLaterError extends Error {
  readonly delayMs: number;
  constructor(message: string, delayMs: number, options?: ErrorOptions) {
    super(message, options);
    this.name = "RetryLaterError";
    this.delayMs = Math.max(0, Math.round(delayMs));
  }
}

/** Thrown by enqueue when the payload does not match the job's schema; nothing is stored or sent. */
export class JobPayloadError extends Error {
  constructor(
    readonly job: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(
      `invalid payload for job "${job}": ` +
        issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; "),
    );
    this.name = "JobPayloadError";
  }
}

/** Looks definitions up by name; a name registered twice is a bug, not an override. */
export function jobMap(jobs: readonly AnyJob[]): Map<string, AnyJob> {
  const map = new Map<string, AnyJob>();
  for (const job of jobs) {
    if (map.has(job.name)) throw new Error(`job "${job.name}" is defined twice`);
    map.set(job.name, job);
  }
  return map;
}
