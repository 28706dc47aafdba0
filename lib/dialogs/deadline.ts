import { DEFAULT_TIMEOUT_MS } from "@/lib/ai/openai/client";
import type { CallLimits } from "./engine";

// One dialog's analysis has a budget across every attempt (Settings → AI, default 2 minutes): the SDK's own
// retries, the batch's cool-downs after a rate limit and its tries again. Past it the dialog is an error.

/** The dialog ran out of its budget; `budgetMs` is the whole budget, for the message. */
export class DialogTimeoutError extends Error {
  constructor(readonly budgetMs: number) {
    super(`the analysis took longer than ${Math.round(budgetMs / 1000)} s across all attempts`);
    this.name = "DialogTimeoutError";
  }
}

/**
 * The SDK's limits for one call with `remainingMs` left: an attempt gets at most half of it (and never more than the
 * usual 60 s), so a server that never answers is tried at least twice within the budget. The SDK's retries of a 429
 * keep their number; the deadline (withDeadline) ends whatever does not fit.
 */
export function callLimits(remainingMs: number): CallLimits {
  return { timeoutMs: Math.max(1_000, Math.min(DEFAULT_TIMEOUT_MS, Math.floor(remainingMs / 2))) };
}

/**
 * Runs `fn` with a signal that aborts at `deadline` (or with `outer`), and settles no later than the deadline even
 * while the SDK sleeps between retries (its sleep does not listen to the signal).
 */
export async function withDeadline<T>(
  deadline: number,
  budgetMs: number,
  outer: AbortSignal | undefined,
  fn: (signal: AbortSignal, remainingMs: number) => Promise<T>,
): Promise<T> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) throw new DialogTimeoutError(budgetMs);
  const timer = new AbortController();
  const signal = outer ? AbortSignal.any([outer, timer.signal]) : timer.signal;
  let handle: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    handle = setTimeout(() => {
      const error = new DialogTimeoutError(budgetMs);
      timer.abort(error);
      reject(error);
    }, remaining);
  });
  const work = fn(signal, remaining);
  // The loser of the race settles later (the aborted request); its rejection is expected.
  work.catch(() => {});
  expired.catch(() => {});
  try {
    return await Promise.race([work, expired]);
  } catch (error) {
    if (timer.signal.aborted && !outer?.aborted) throw new DialogTimeoutError(budgetMs);
    throw error;
  } finally {
    clearTimeout(handle);
  }
}
