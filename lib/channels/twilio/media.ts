import { env } from "@/lib/env";
import type { TwilioChannel } from "./config";

export class TwilioMediaError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "TwilioMediaError";
  }
}

/**
 * The credentials go only to this account's media on Twilio's API host (or the configured base URL, a fake
 * in tests): a MediaUrl is data from a webhook, and a forged one must not collect the auth token.
 */
function mayCarryCredentials(url: URL, accountSid: string) {
  const api = new URL(env().TWILIO_API_BASE_URL ?? "https://api.twilio.com");
  return url.origin === api.origin && url.pathname.startsWith(`/2010-04-01/Accounts/${accountSid}/Messages/`);
}

/**
 * Downloads an inbound message's media (MediaUrl{N}, kept as the media's providerMediaId), for voice-note
 * transcription or storage. Twilio answers with a redirect to a signed URL on its CDN; that request goes
 * without our Authorization header, which the CDN would refuse and must not see.
 */
export async function fetchTwilioMedia(channel: TwilioChannel, mediaUrl: string) {
  const url = new URL(mediaUrl);
  if (!mayCarryCredentials(url, channel.config.accountSid)) {
    throw new TwilioMediaError(`not a media URL of this Twilio account: ${url.origin}${url.pathname}`, 400);
  }
  const basic = Buffer.from(`${channel.config.accountSid}:${channel.secrets.authToken}`).toString("base64");
  const signal = AbortSignal.timeout(60_000);
  let res = await fetch(url, { headers: { authorization: `Basic ${basic}` }, redirect: "manual", signal });
  const location = res.headers.get("location");
  if (res.status >= 300 && res.status < 400 && location) {
    await res.body?.cancel();
    res = await fetch(new URL(location, url), { signal });
  }
  if (!res.ok || !res.body) throw new TwilioMediaError(`media download failed: HTTP ${res.status}`, res.status);
  const length = Number(res.headers.get("content-length"));
  return {
    body: res.body,
    mimeType: res.headers.get("content-type") ?? "application/octet-stream",
    size: Number.isFinite(length) && length > 0 ? length : undefined,
  };
}
