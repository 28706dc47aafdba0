import { createHmac } from "node:crypto";
import { z } from "zod";
import { asService } from "@/lib/db";
import { defineJob, PermanentJobError } from "@/lib/jobs/registry";
import type { ActionContext } from "./actions";
import { openSecret } from "./rules";

// A rule's "call a webhook": POST JSON, signed Chatwoot-style with HMAC-SHA256 over `${timestamp}.${body}`
// with the rule's own secret, so a receiver can tell the call is ours and fresh. A non-2xx answer (or no
// answer) is retried with the job's backoff; every attempt is a row in webhook_deliveries.

export const SIGNATURE_HEADER = "x-relay-signature";
export const TIMESTAMP_HEADER = "x-relay-timestamp";
export const DELIVERY_HEADER = "x-relay-delivery";
const TIMEOUT_MS = 10_000;

/** `sha256=<hex>` of the HMAC a receiver recomputes from the timestamp header and the raw body. */
export const signature = (secret: string, timestamp: string, body: string) =>
  `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;

/** What the receiver gets: the event, the rule and the deal, never a secret or a whole row. */
export function webhookBody(ctx: ActionContext): string {
  return JSON.stringify({
    event: ctx.triggerType,
    eventId: ctx.eventKey,
    firedAt: ctx.now.toISOString(),
    rule: { id: ctx.ruleId, name: ctx.ruleName },
    deal: {
      id: ctx.deal.id,
      title: ctx.deal.title,
      pipelineId: ctx.deal.pipelineId,
      stageId: ctx.deal.stageId,
      stageName: ctx.deal.stageName,
      ownerId: ctx.deal.ownerId,
      contactId: ctx.deal.contactId,
      amount: ctx.deal.amount,
      tags: ctx.deal.tags,
      score: ctx.deal.score,
      interest: ctx.deal.interest,
    },
  });
}

export const webhookPayload = z.object({
  ruleId: z.uuid(),
  runId: z.uuid(),
  url: z.url(),
  deliveryKey: z.string().min(1).max(300),
  body: z.string().max(100_000),
});

async function record(
  orgId: string,
  p: z.output<typeof webhookPayload>,
  attempt: number,
  r: { status: number | null; ok: boolean; error: string | null; excerpt: string | null; ms: number },
) {
  await asService((sql) =>
    sql.query(
      `insert into public.webhook_deliveries (org_id, rule_id, run_id, delivery_key, attempt, url, status_code, ok,
         error, response_excerpt, duration_ms)
       select $1, $2, r.id, $4, $5, $6, $7, $8, $9, $10, $11
         from (select $3::uuid as wanted) w left join public.automation_runs r on r.id = w.wanted
       on conflict (delivery_key, attempt) do update set status_code = excluded.status_code, ok = excluded.ok,
         error = excluded.error, response_excerpt = excluded.response_excerpt, duration_ms = excluded.duration_ms`,
      [
        orgId,
        p.ruleId,
        p.runId,
        p.deliveryKey,
        attempt,
        p.url,
        r.status,
        r.ok,
        r.error?.slice(0, 2000) ?? null,
        r.excerpt?.slice(0, 2000) ?? null,
        Math.round(r.ms),
      ],
    ),
  );
}

/** One attempt: sign now, POST, log it; throws on anything but 2xx so the job is retried. */
export async function deliverWebhook(
  orgId: string,
  p: z.output<typeof webhookPayload>,
  attempt: number,
  signal?: AbortSignal,
) {
  const [rule] = await asService((sql) =>
    sql.query<{ webhook_secret: string | null }>(
      "select webhook_secret from public.automation_rules where org_id = $1 and id = $2",
      [orgId, p.ruleId],
    ),
  );
  if (!rule?.webhook_secret) throw new PermanentJobError("the rule is gone; nothing to sign with");
  const secret = openSecret(p.ruleId, rule.webhook_secret);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const started = performance.now();
  let status: number | null = null;
  let excerpt: string | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(p.url, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/json",
        "user-agent": "Relay-Webhooks/1",
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signature(secret, timestamp, p.body),
        [DELIVERY_HEADER]: p.deliveryKey,
      },
      body: p.body,
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]) : AbortSignal.timeout(TIMEOUT_MS),
    });
    status = res.status;
    excerpt = (await res.text().catch(() => "")).slice(0, 500);
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const ok = status !== null && status >= 200 && status < 300;
  await record(orgId, p, attempt, { status, ok, error, excerpt, ms: performance.now() - started });
  if (!ok) throw new Error(`webhook ${p.url} answered ${status ?? error}`);
  return { status };
}

export const webhookJob = defineJob({
  name: "automation.webhook",
  schema: webhookPayload,
  maxAttempts: 6,
  async run(payload, ctx) {
    if (!ctx.orgId) throw new Error("automation.webhook needs the organisation");
    return deliverWebhook(ctx.orgId, payload, ctx.attempt, ctx.signal);
  },
});
