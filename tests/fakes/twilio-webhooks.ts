import { createHmac, randomBytes } from "node:crypto";
import type { WebhookRequest } from "@/lib/channels/types";

// What Twilio posts to the CRM (../shared/wire/twilio.md §1), for tests and for the Twilio fake.

export type TwilioParams = Record<string, string | string[]>;

export function newSid(prefix: string) {
  return prefix + randomBytes(16).toString("hex");
}

export function decodeForm(body: string): TwilioParams {
  const params: TwilioParams = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const seen = params[k];
    params[k] = seen === undefined ? v : ([] as string[]).concat(seen, v);
  }
  return params;
}

/**
 * X-Twilio-Signature, written here from the algorithm (wire/twilio.md §1) rather than taken from the SDK,
 * so a fault in the SDK's validator cannot hide behind the same fault in the signer: the URL, then each
 * parameter name (sorted) followed by its values (deduplicated, sorted), HMAC-SHA1 with the auth token.
 */
export function twilioSignature(authToken: string, url: string, params: TwilioParams): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => {
      const values = ([] as string[]).concat(params[key]);
      return (
        acc +
        [...new Set(values)]
          .sort()
          .map((v) => key + v)
          .join("")
      );
    }, url);
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

/** A webhook as Twilio sends it: POST, form-encoded (spaces as "+"), signed for the public URL. */
export function twilioWebhook(opts: {
  url: string;
  authToken: string;
  params: TwilioParams;
  idempotencyToken?: string;
  /** Overrides the computed signature; null leaves the header out. */
  signature?: string | null;
}): Request {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.params))
    for (const value of ([] as string[]).concat(v)) body.append(k, value);
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    "user-agent": "TwilioProxy/1.1",
  };
  const signature =
    opts.signature === undefined ? twilioSignature(opts.authToken, opts.url, opts.params) : opts.signature;
  if (signature !== null) headers["x-twilio-signature"] = signature;
  if (opts.idempotencyToken) headers["i-twilio-idempotency-token"] = opts.idempotencyToken;
  return new Request(opts.url, { method: "POST", headers, body: body.toString() });
}

/** What the webhook route hands an adapter. */
export async function toWebhookRequest(req: Request): Promise<WebhookRequest> {
  return { url: req.url, method: req.method, headers: req.headers, rawBody: new Uint8Array(await req.arrayBuffer()) };
}

/** An incoming WhatsApp message's parameters, shaped like the captured ones (wire/twilio.md §1a). */
export function inboundParams(o: {
  accountSid: string;
  /** The client's E.164 number. */
  from: string;
  /** The business sender, whatsapp:+E164. */
  to: string;
  body?: string;
  profileName?: string;
  messageSid?: string;
  media?: { url: string; contentType: string }[];
  extra?: Record<string, string>;
}): Record<string, string> {
  const media = o.media ?? [];
  const sid = o.messageSid ?? newSid(media.length > 0 ? "MM" : "SM");
  const p: Record<string, string> = {
    SmsMessageSid: sid,
    NumMedia: String(media.length),
    ProfileName: o.profileName ?? "Client",
    SmsSid: sid,
    WaId: o.from.replace(/^\+/, ""),
    SmsStatus: "received",
    Body: o.body ?? "",
    To: o.to,
    NumSegments: "1",
    ReferralNumMedia: "0",
    MessageSid: sid,
    AccountSid: o.accountSid,
    From: `whatsapp:${o.from}`,
    ApiVersion: "2010-04-01",
  };
  media.forEach((m, i) => {
    p[`MediaContentType${i}`] = m.contentType;
    p[`MediaUrl${i}`] = m.url;
  });
  return { ...p, ...o.extra };
}

/** A status callback's parameters, shaped like the captured one (wire/twilio.md §1b). */
export function statusParams(o: {
  accountSid: string;
  messageSid: string;
  status: string;
  /** The client's E.164 number (the message's recipient). */
  to: string;
  from: string;
  errorCode?: string;
  errorMessage?: string;
}): Record<string, string> {
  return {
    SmsSid: o.messageSid,
    SmsStatus: o.status,
    MessageStatus: o.status,
    ChannelToAddress: o.to,
    To: `whatsapp:${o.to}`,
    ChannelPrefix: "whatsapp",
    MessageSid: o.messageSid,
    AccountSid: o.accountSid,
    StructuredMessage: "false",
    From: o.from,
    ApiVersion: "2010-04-01",
    ChannelInstallSid: newSid("XE"),
    ...(o.errorCode ? { ErrorCode: o.errorCode } : {}),
    ...(o.errorMessage ? { ErrorMessage: o.errorMessage } : {}),
  };
}
