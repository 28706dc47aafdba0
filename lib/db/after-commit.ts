import type { Sql } from "./types";

// The work each open transaction defers to its commit, by the transaction's Sql handle (one per transaction).
const pending = new WeakMap<Sql, (() => Promise<void>)[]>();

/**
 * Runs fn once the transaction `sql` belongs to has committed, and never if it rolls back: a request to an
 * outside service (a Trigger.dev run) made earlier could look for rows not yet visible, or for rows that
 * never will be. Outside a transaction opened by withUser / asService it runs at once.
 */
export async function afterCommit(sql: Sql, fn: () => Promise<void>): Promise<void> {
  const list = pending.get(sql);
  if (list) list.push(fn);
  else await fn();
}

/** Opens the transaction through `open`, then runs what it deferred; the first failure is thrown after all ran. */
export async function withCommitHooks<T>(
  open: (fn: (sql: Sql) => Promise<T>) => Promise<T>,
  fn: (sql: Sql) => Promise<T>,
) {
  const hooks: (() => Promise<void>)[] = [];
  const result = await open((sql) => {
    pending.set(sql, hooks);
    return fn(sql);
  });
  let failure: unknown;
  for (const hook of hooks) await hook().catch((error: unknown) => (failure ??= error));
  if (failure) throw failure;
  return result;
}
