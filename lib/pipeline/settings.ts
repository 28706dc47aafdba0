import { z } from "zod";
import type { Sql } from "@/lib/db";
import { currencySchema } from "./money";

// The organisation's pipeline settings kept in crm_settings (own_deals_only belongs to the Team screen).

export const pipelineSettingsSchema = z.object({
  /** ISO 4217 code new deals get when the creator names none. */
  defaultCurrency: z.string(),
});
export const updatePipelineSettingsSchema = z.object({ defaultCurrency: currencySchema });

export async function getPipelineSettings(sql: Sql, orgId: string) {
  const [row] = await sql.query<{ defaultCurrency: string }>(
    `select coalesce((select default_currency from public.crm_settings where org_id = $1), 'RUB') as "defaultCurrency"`,
    [orgId],
  );
  return pipelineSettingsSchema.parse(row);
}

/** Admins (crm_settings' policy); a member below that gets 403 from the route. */
export async function updatePipelineSettings(
  sql: Sql,
  orgId: string,
  patch: z.output<typeof updatePipelineSettingsSchema>,
) {
  await sql.query(
    `insert into public.crm_settings (org_id, default_currency) values ($1, $2)
     on conflict (org_id) do update set default_currency = excluded.default_currency`,
    [orgId, patch.defaultCurrency],
  );
  return getPipelineSettings(sql, orgId);
}
