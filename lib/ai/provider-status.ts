import { z } from "zod";
import { asService, type Sql } from "@/lib/db";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/translator";
import { logger } from "@/lib/log";

// Since when OpenAI has answered insufficient_quota for the organisation (public.ai_provider_status). Set by the
// first such answer, cleared by the next call that succeeds. While it is set, replies are drafts from the offline
// engine; admins see a banner in Settings → AI and are told once in the bell.

export const providerStatusSchema = z.object({
  /** ISO time of the first insufficient_quota answer since the last success; null while OpenAI answers. */
  quotaExhaustedSince: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type ProviderStatus = z.infer<typeof providerStatusSchema>;

export async function getProviderStatus(sql: Sql, orgId: string): Promise<ProviderStatus> {
  const [row] = await sql.query<{ quota_exhausted_since: Date | string | null; last_error: string | null }>(
    "select quota_exhausted_since, last_error from public.ai_provider_status where org_id = $1",
    [orgId],
  );
  const since = row?.quota_exhausted_since;
  return { quotaExhaustedSince: since ? new Date(since).toISOString() : null, lastError: row?.last_error ?? null };
}

/** The bell's notice, in each admin's language, the time in the organisation's time zone. */
async function notifyAdmins(sql: Sql, orgId: string, since: Date) {
  const admins = await sql.query<{ user_id: string; locale: string | null }>(
    `select m.user_id, p.locale from public.memberships m
       left join public.profiles p on p.id = m.user_id
      where m.org_id = $1 and m.role in ('owner', 'admin')`,
    [orgId],
  );
  const [tz] = await sql.query<{ zone: string | null }>(
    "select availability ->> 'timezone' as zone from public.ai_settings where org_id = $1",
    [orgId],
  );
  const timeZone = tz?.zone || "Europe/Moscow";
  for (const admin of admins) {
    const locale: Locale = isLocale(admin.locale) ? admin.locale : "en";
    const t = await translatorFor(locale);
    const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone }).format(since);
    await sql.query(
      `insert into public.notifications (org_id, user_id, kind, title, body) values ($1, $2, 'system', $3, $4)`,
      [
        orgId,
        admin.user_id,
        t("aiReliability.quota.title", { time }).slice(0, 300),
        t("aiReliability.quota.body").slice(0, 2000),
      ],
    );
  }
}

/**
 * Records an insufficient_quota answer. The first one since the last success keeps its time and tells the admins;
 * later ones change nothing but the last error.
 */
export async function markQuotaExhausted(orgId: string, error: string): Promise<void> {
  try {
    await asService(async (sql) => {
      // The row exists first, so the lock below serialises two callers and only the first one notifies.
      await sql.query("insert into public.ai_provider_status (org_id) values ($1) on conflict (org_id) do nothing", [
        orgId,
      ]);
      const [prev] = await sql.query<{ since: Date | null }>(
        "select quota_exhausted_since as since from public.ai_provider_status where org_id = $1 for update",
        [orgId],
      );
      const [row] = await sql.query<{ since: Date }>(
        `update public.ai_provider_status set quota_exhausted_since = coalesce(quota_exhausted_since, now()),
                last_error = $2
          where org_id = $1 returning quota_exhausted_since as since`,
        [orgId, error.slice(0, 1000)],
      );
      const fresh = !prev?.since;
      if (fresh && row) await notifyAdmins(sql, orgId, new Date(row.since));
    });
  } catch (err) {
    // Recording the state must never turn a handled provider failure into a crash of the caller.
    logger.error({ err, orgId }, "recording the OpenAI quota state failed");
  }
}

/** A call succeeded: the quota is back (one cheap statement that changes nothing when it was never exhausted). */
export async function clearQuotaExhausted(orgId: string): Promise<void> {
  try {
    await asService((sql) =>
      sql.query(
        `update public.ai_provider_status set quota_exhausted_since = null, last_error = null
          where org_id = $1 and quota_exhausted_since is not null`,
        [orgId],
      ),
    );
  } catch (err) {
    logger.error({ err, orgId }, "clearing the OpenAI quota state failed");
  }
}
