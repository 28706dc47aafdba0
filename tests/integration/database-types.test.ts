import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { generateDatabaseTypes, TYPES_FILE } from "@/lib/db/gen-types";
import { postgresCopy } from "../helpers/db";

// The CLI reads a real PostgreSQL server; PGlite has no socket for it.
it.skipIf(!process.env.TEST_DATABASE_URL)(
  "lib/database.types.ts matches the migrated schema (regenerate with `npm run db:types`)",
  async () => {
    const { url, drop } = await postgresCopy();
    try {
      const fresh = await generateDatabaseTypes(url);
      expect(fresh).toContain("export type Database");
      expect(await readFile(TYPES_FILE, "utf8"), "lib/database.types.ts is stale: run `npm run db:types`").toBe(fresh);
    } finally {
      await drop();
    }
  },
  60_000,
);
