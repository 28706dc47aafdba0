import { createHash } from "node:crypto";
import pg from "pg";
import type { Database, QueryOptions, Sql, TransactionSettings } from "./types";

/** A prepared statement's name: the same text always gets the same name, on every connection. */
const statementName = (text: string) => `relay_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;

/**
 * BEGIN and the transaction's settings as one simple-protocol query: one round trip instead of two for every
 * request's transaction (each round trip costs a socket write and a wake-up; measured in bench/ingest).
 */
function beginWith(client: pg.PoolClient, settings?: TransactionSettings): string {
  if (!settings) return "begin";
  const lit = (v: string) => client.escapeLiteral(v);
  const calls = Object.entries(settings).map(([name, value]) => `set_config(${lit(name)}, ${lit(value)}, true)`);
  return `begin; select ${calls.join(", ")}`;
}

// node-postgres hands back Date for timestamps and strings for int8/numeric; PGlite is set to match.
export function openPostgres(connectionString: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000 });
  // An idle client losing its server must not crash the process; the next checkout reconnects.
  pool.on("error", () => {});
  // The pool listens only while a client is idle; a backend killed just as it connects can deliver its FATAL
  // in the same read as ReadyForQuery, before the transaction below attaches its own listener: an unhandled
  // 'error' event, which would end the process. Queries still reject with the error.
  pool.on("connect", (client) => client.on("error", () => {}));

  const wrap = (client: pg.PoolClient): Sql => ({
    async query<T>(text: string, params?: readonly unknown[], options?: QueryOptions) {
      const values = params as unknown[] | undefined;
      const res = options?.prepare
        ? await client.query({ name: statementName(text), text, values })
        : await client.query(text, values);
      return res.rows as T[];
    },
    async exec(text: string) {
      await client.query(text);
    },
  });

  return {
    kind: "postgres",
    async transaction(fn, settings) {
      const client = await pool.connect();
      // The pool listens for errors only on idle clients: a connection lost between two of this transaction's
      // queries would be an unhandled 'error' event (a crash). Noted instead; the next query rejects with it.
      let broken = false;
      const onError = () => (broken = true);
      client.on("error", onError);
      try {
        await client.query(beginWith(client, settings));
        const result = await fn(wrap(client));
        await client.query("commit");
        return result;
      } catch (error) {
        // A client whose connection failed must not go back to the pool: the next request to check it out
        // would hear "Client has encountered a connection error and is not queryable".
        if (!broken)
          broken = await client.query("rollback").then(
            () => false,
            () => true,
          );
        throw error;
      } finally {
        client.off("error", onError);
        client.release(broken);
      }
    },
    async listen(channel, onMessage) {
      const client = new pg.Client({ connectionString });
      client.on("error", () => {});
      await client.connect();
      client.on("notification", (msg) => {
        if (msg.channel === channel && msg.payload !== undefined) onMessage(msg.payload);
      });
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      return async () => {
        await client.end().catch(() => {});
      };
    },
    close: () => pool.end(),
  };
}
