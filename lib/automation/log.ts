import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { CURSOR_TIME_SQL, decodeCursor, encodeCursor } from "@/lib/inbox/cursor";
import { getRuleRow } from "./rules";
import type { DeliveryView, RunView } from "./schema";

// A rule's run log and webhook delivery log, newest first, keyset-paginated on (created_at, id).

type Page = { limit: number; cursor?: string };

function cursorOf(page: Page) {
  const c = decodeCursor(page.cursor);
  if (c && !z.uuid().safeParse(c.key).success)
    throw new ApiError("bad_request", "cursor: not a cursor this API gave out");
  return c;
}

export async function listRuns(sql: Sql, orgId: string, ruleId: string, page: Page) {
  await getRuleRow(sql, orgId, ruleId);
  const c = cursorOf(page);
  const rows = await sql.query<RunView & { at: string }>(
    `select r.id, r.rule_id as "ruleId", r.event_key as "eventKey", r.deal_id as "dealId", d.title as "dealTitle",
            r.status, r.actions, r.error, ${CURSOR_TIME_SQL("r.created_at")} as at
       from public.automation_runs r left join public.deals d on d.id = r.deal_id
      where r.org_id = $1 and r.rule_id = $2
        and ($3::timestamptz is null or (r.created_at, r.id) < ($3::timestamptz, $4::uuid))
      order by r.created_at desc, r.id desc limit $5`,
    [orgId, ruleId, c?.at ?? null, c?.key ?? null, page.limit + 1],
  );
  const more = rows.length > page.limit;
  const runs = rows.slice(0, page.limit);
  return {
    runs: runs.map(({ at, ...r }) => ({ ...r, createdAt: at })),
    nextCursor: more ? encodeCursor(runs[runs.length - 1].at, runs[runs.length - 1].id) : null,
  };
}

export async function listDeliveries(sql: Sql, orgId: string, ruleId: string, page: Page) {
  await getRuleRow(sql, orgId, ruleId);
  const c = cursorOf(page);
  const rows = await sql.query<DeliveryView & { at: string }>(
    `select w.id, w.rule_id as "ruleId", w.run_id as "runId", w.delivery_key as "deliveryKey", w.attempt, w.url,
            w.status_code as "statusCode", w.ok, w.error, w.response_excerpt as "responseExcerpt",
            w.duration_ms as "durationMs", ${CURSOR_TIME_SQL("w.created_at")} as at
       from public.webhook_deliveries w
      where w.org_id = $1 and w.rule_id = $2
        and ($3::timestamptz is null or (w.created_at, w.id) < ($3::timestamptz, $4::uuid))
      order by w.created_at desc, w.id desc limit $5`,
    [orgId, ruleId, c?.at ?? null, c?.key ?? null, page.limit + 1],
  );
  const more = rows.length > page.limit;
  const deliveries = rows.slice(0, page.limit);
  return {
    deliveries: deliveries.map(({ at, ...r }) => ({ ...r, createdAt: at })),
    nextCursor: more ? encodeCursor(deliveries[deliveries.length - 1].at, deliveries[deliveries.length - 1].id) : null,
  };
}
