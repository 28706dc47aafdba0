import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { WebhookAuthError, type WebhookRequest } from "../types";

/** Meta's verify token is chosen by us and typed into the App Dashboard; 32 random bytes when none is given. */
export function generateVerifyToken() {
  return randomBytes(32).toString("base64url");
}

/**
 * Shared by WhatsApp Cloud and Instagram. appSecret signs webhooks (for Instagram Login apps it is the
 * Instagram app secret, not the Facebook one); accessToken authorises Graph calls; verifyToken answers the
 * hub.challenge handshake and is generated when the admin leaves it out.
 */
export const metaSecretsSchema = z.object({
  appSecret: z.string().trim().min(1, "the app secret signs every webhook"),
  accessToken: z.string().trim().min(1),
  verifyToken: z.string().trim().min(8, "at least 8 characters").default(generateVerifyToken),
});
export type MetaSecrets = z.infer<typeof metaSecretsSchema>;

/** Hashing first gives equal-length buffers, so the time depends neither on where they differ nor on length. */
function constantTimeEqual(a: string, b: string) {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

/**
 * GET <callback>?hub.mode=subscribe&hub.verify_token=…&hub.challenge=… → 200 text/plain with the challenge
 * echoed unchanged; anything else → 403 (a channel without a verify token refuses every handshake).
 */
export function answerHandshake(verifyToken: string | undefined, url: URL): Response {
  const mode = url.searchParams.get("hub.mode");
  const token = url.searchParams.get("hub.verify_token");
  const challenge = url.searchParams.get("hub.challenge");
  const forbidden = () => new Response("Forbidden", { status: 403, headers: { "content-type": "text/plain" } });
  if (!verifyToken || mode !== "subscribe" || token === null || !constantTimeEqual(token, verifyToken)) {
    return forbidden();
  }
  if (!challenge)
    return new Response("missing hub.challenge", { status: 400, headers: { "content-type": "text/plain" } });
  return new Response(challenge, { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
}

const SIGNATURE_RE = /^sha256=([0-9a-f]{64})$/i;

/**
 * X-Hub-Signature-256: sha256=<hex HMAC-SHA256(appSecret, raw body bytes)>. The raw bytes matter: Meta
 * escapes `/` and non-ASCII as \uXXXX, so re-serialised JSON would not match.
 * Missing header → 401 (no credentials offered); malformed or wrong → 403; no app secret → 403.
 */
export function verifyMetaSignature(appSecret: string | undefined, req: WebhookRequest) {
  const header = req.headers.get("x-hub-signature-256");
  if (!header) throw new WebhookAuthError("missing X-Hub-Signature-256", 401);
  if (!appSecret) throw new WebhookAuthError("channel has no app secret; refusing every webhook", 403);
  const match = SIGNATURE_RE.exec(header.trim());
  if (!match) throw new WebhookAuthError("malformed X-Hub-Signature-256", 403);
  const expected = createHmac("sha256", appSecret).update(req.rawBody).digest();
  const given = Buffer.from(match[1], "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new WebhookAuthError("X-Hub-Signature-256 does not match the body", 403);
  }
}

/** Meta has no delivery id: the body's hash is stable across its retries of the same delivery. */
export function bodyEventId(rawBody: Uint8Array) {
  return `sha256:${createHash("sha256").update(rawBody).digest("hex")}`;
}
