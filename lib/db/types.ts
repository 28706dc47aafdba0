export type Row = Record<string, unknown>;

/** One connection inside one transaction (or the bare connection for the migrator). */
export interface Sql {
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters, as migrations are written. */
  exec(text: string): Promise<void>;
}

export type DbKind = "pglite" | "postgres";

export interface Database {
  readonly kind: DbKind;
  /** Runs fn in one transaction on one connection, as the connecting (owner) role. */
  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** Calls onMessage with each payload NOTIFY sends on channel; resolves to an unsubscribe. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
