import { randomBytes } from "node:crypto";
import { z } from "zod";
import { sha256Hex } from "@/lib/crypto";
import { ApiError } from "@/lib/api/errors";
import { asService, type Sql } from "@/lib/db";
import { memberRoleSchema } from "./types";

export const API_KEY_PREFIX = "rk_";

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: memberRoleSchema,
  prefix: z.string(),
  created_at: z.coerce.date(),
  last_used_at: z.coerce.date().nullable(),
  revoked_at: z.coerce.date().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "is required").max(80),
  role: memberRoleSchema.exclude(["owner"]).default("admin"),
});

const COLUMNS = "id, name, role, prefix, created_at, last_used_at, revoked_at";

/** Creates a key; the secret is returned here once and only its hash is kept. */
export async function createApiKey(sql: Sql, orgId: string, input: z.infer<typeof createApiKeySchema>) {
  const secret = API_KEY_PREFIX + randomBytes(24).toString("base64url");
  const [row] = await sql.query(
    `insert into public.api_keys (org_id, name, role, prefix, key_hash) values ($1, $2, $3, $4, $5)
     returning ${COLUMNS}`,
    [orgId, input.name, input.role, secret.slice(0, 10), sha256Hex(secret)],
  );
  return { key: apiKeySchema.parse(row), secret };
}

export async function listApiKeys(sql: Sql, orgId: string) {
  const rows = await sql.query(`select ${COLUMNS} from public.api_keys where org_id = $1 order by created_at desc`, [
    orgId,
  ]);
  return rows.map((r) => apiKeySchema.parse(r));
}

export async function revokeApiKey(sql: Sql, orgId: string, id: string) {
  const rows = await sql.query(
    `update public.api_keys set revoked_at = coalesce(revoked_at, now()) where org_id = $1 and id = $2 returning ${COLUMNS}`,
    [orgId, id],
  );
  if (!rows[0]) throw new ApiError("not_found", "API key not found");
  return apiKeySchema.parse(rows[0]);
}

/** Resolves a presented secret to its organisation, or undefined when unknown or revoked. */
export async function authenticateApiKey(secret: string) {
  if (!secret.startsWith(API_KEY_PREFIX)) return undefined;
  return asService(async (sql) => {
    const [row] = await sql.query<{ id: string; org_id: string; role: z.infer<typeof memberRoleSchema> }>(
      `update public.api_keys set last_used_at = now()
       where key_hash = $1 and revoked_at is null returning id, org_id, role`,
      [sha256Hex(secret)],
    );
    return row;
  });
}
