import { createHash, timingSafeEqual } from "node:crypto";
import { errors as joseErrors, jwtVerify } from "jose";
import { WebhookAuthError, type ChannelRecord, type WebhookRequest } from "@/lib/channels/types";
import type { EvolutionConfig, EvolutionSecrets } from "./schemas";

/**
 * Evolution signs nothing: a webhook carries only the headers stored on the instance (`Webhook.headers`).
 * Two ways to make those prove the sender, both keyed by the channel's `webhookToken`:
 *
 * 1. JWT mode (preferred; what connect() sets up). Evolution's `jwt_key` header is special: it is removed
 *    and replaced by `Authorization: Bearer <HS256 JWT signed with it>`, claims
 *    {iat, exp: iat + 600, app: "evolution", action: "webhook"}. Configure it with
 *      POST {baseUrl}/webhook/set/{instance}
 *      {"webhook": {"enabled": true, "url": "<our webhook URL>", "byEvents": false, "base64": false,
 *                   "headers": {"jwt_key": "<webhookToken>"},
 *                   "events": ["MESSAGES_UPSERT", "MESSAGES_UPDATE", "MESSAGES_EDITED"]}}
 *    The token never travels and a captured request stops working after ten minutes. The catch: if a
 *    delivery is retried with the same token after it expired, we refuse it (401) and Evolution does not
 *    retry a 401 — the static header below has no such window.
 * 2. Static header mode: headers {"x-relay-token": "<webhookToken>"} in the same call (or in the manager UI).
 *    The value travels with every request, so it must go over HTTPS; compared in constant time.
 *
 * `byEvents` must stay false: with it Evolution appends `/messages-upsert` etc. to the URL.
 */
export const STATIC_TOKEN_HEADER = "x-relay-token";
export const JWT_CLAIMS = { app: "evolution", action: "webhook" } as const;
/** Evolution's clock and ours may disagree a little; the token itself lives 600 s. */
const CLOCK_TOLERANCE_SEC = 60;

function sameSecret(given: string, expected: string): boolean {
  // Hash both so the comparison is constant-time whatever the lengths.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

async function verifyJwt(token: string, secret: string): Promise<void> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ["HS256"],
      requiredClaims: ["exp", "iat"],
      clockTolerance: CLOCK_TOLERANCE_SEC,
    });
    if (payload.app !== JWT_CLAIMS.app || payload.action !== JWT_CLAIMS.action) {
      throw new WebhookAuthError("webhook JWT is not an Evolution webhook token (app/action claims)");
    }
  } catch (error) {
    if (error instanceof WebhookAuthError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new WebhookAuthError("webhook JWT has expired");
    if (error instanceof joseErrors.JOSEError) throw new WebhookAuthError(`webhook JWT is invalid (${error.code})`);
    throw new WebhookAuthError("webhook JWT is invalid");
  }
}

export async function verifyEvolutionWebhook(
  channel: ChannelRecord<EvolutionConfig, EvolutionSecrets>,
  req: WebhookRequest,
): Promise<void> {
  const secret = channel.secrets?.webhookToken;
  // A channel without a token refuses everything rather than accepting everything.
  if (typeof secret !== "string" || secret.length === 0) {
    throw new WebhookAuthError("channel has no webhook token configured");
  }
  const staticToken = req.headers.get(STATIC_TOKEN_HEADER);
  if (staticToken !== null && sameSecret(staticToken, secret)) return;

  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  if (bearer) return verifyJwt(bearer, secret);
  if (staticToken !== null) throw new WebhookAuthError(`${STATIC_TOKEN_HEADER} does not match`);
  throw new WebhookAuthError(`missing Authorization: Bearer <JWT> or ${STATIC_TOKEN_HEADER} header`);
}
