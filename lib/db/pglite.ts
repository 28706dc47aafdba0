import { PGlite, types } from "@electric-sql/pglite";
import { priorityGate } from "./priority";
import { settingsQuery, type Database, type Sql } from "./types";

// Same shapes as node-postgres returns, so code above the switch never sees which database it runs on.
const parsers = {
  [types.INT8]: (v: string) => v,
  [types.NUMERIC]: (v: string) => v,
  [types.DATE]: (v: string) => v,
};

export type PgliteDatabase = Database & { readonly pglite: PGlite };

export async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<PgliteDatabase> {
  const pg = await PGlite.create({ dataDir, loadDataDir, parsers });
  const wrap = (q: Pick<PGlite, "query" | "exec">): Sql => ({
    async query<T>(text: string, params?: readonly unknown[]) {
      const res = await q.query<T>(text, params as unknown[] | undefined);
      return res.rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
  });
  const gated = priorityGate();
  return {
    kind: "pglite",
    pglite: pg,
    // PGlite is one connection: its transaction() holds it exclusively, which serialises writers
    // the way row locks would on a server; background work (the jobs runner) yields to requests.
    transaction: (fn, settings) =>
      gated(() =>
        pg.transaction(async (tx) => {
          if (settings) {
            const { text, params } = settingsQuery(settings);
            await tx.query(text, params);
          }
          return fn(wrap(tx));
        }),
      ),
    async listen(channel, onMessage) {
      const unsubscribe = await pg.listen(channel, onMessage);
      return async () => unsubscribe();
    },
    close: () => pg.close(),
  };
}

/** A migrated database as a tarball, so tests open a copy in a fraction of the time of a fresh init. */
export async function dumpPglite(db: PgliteDatabase): Promise<Blob> {
  return (await db.pglite.dumpDataDir("none")) as Blob;
}
