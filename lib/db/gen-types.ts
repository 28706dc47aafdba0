import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { format, resolveConfig } from "prettier";

export const TYPES_FILE = path.join(process.cwd(), "lib", "database.types.ts");

/**
 * `Database` types of a migrated database, from the Supabase CLI as on any Supabase project, formatted
 * like the rest of the code so a stale file shows as a diff.
 */
export async function generateDatabaseTypes(dbUrl: string): Promise<string> {
  const cli = path.join(process.cwd(), "node_modules", ".bin", "supabase");
  const { stdout } = await promisify(execFile)(
    cli,
    ["gen", "types", "typescript", "--db-url", dbUrl, "--schema", "public"],
    { env: { ...process.env, PGSSLMODE: "disable" }, maxBuffer: 16 * 1024 * 1024 },
  );
  const options = (await resolveConfig(TYPES_FILE)) ?? {};
  return format(stdout, { ...options, parser: "typescript" });
}
