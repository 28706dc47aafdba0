export type Row = Record<string, unknown>;

/** One connection inside one transaction (or the bare connection for the migrator). */
export interface Sql {
  query<T = Row>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
  /** Several statements without parameters, as migrations are written. */
  exec(text: string): Promise<void>;
}

/**
 * `prepare`: on PostgreSQL, a named prepared statement per text and connection, so a hot statement is planned
 * once per connection rather than on every call (bench/pipeline: planning the board's and a move's joins under
 * RLS cost more than running them). One statement, no DDL; the embedded database ignores it.
 */
export type QueryOptions = { prepare?: boolean };

export type TransactionSettings = Record<string, string>;

/** The select that applies settings for the current transaction. */
export function settingsQuery(settings: TransactionSettings): { text: string; params: string[] } {
  const entries = Object.entries(settings);
  const calls = entries.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`);
  return { text: `select ${calls.join(", ")}`, params: entries.flat() };
}

export type DbKind = "pglite" | "postgres";

export interface Database {
  readonly kind: DbKind;
  /**
   * Runs fn in one transaction on one connection, as the connecting (owner) role, with `settings` set for the
   * transaction (set_config(name, value, true)) before fn runs.
   */
  transaction<T>(fn: (sql: Sql) => Promise<T>, settings?: TransactionSettings): Promise<T>;
  /** Calls onMessage with each payload NOTIFY sends on channel; resolves to an unsubscribe. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
