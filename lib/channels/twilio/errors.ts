import { PermanentSendError, RetryableSendError } from "../types";

/**
 * Readable reasons for the codes a WhatsApp sender meets most; status callbacks often carry ErrorCode
 * without ErrorMessage, and the agent should see why rather than a number.
 */
const knownCodes: Record<string, string> = {
  "20003": "Twilio rejected the Account SID or auth token",
  "20429": "Too many requests to Twilio",
  "21211": "The recipient is not a valid phone number",
  "21408": "Sending to this region is not enabled on the Twilio account",
  "21610": "The recipient has unsubscribed (replied STOP)",
  "21614": "The recipient is not a mobile number",
  "30003": "The recipient's phone is unreachable",
  "30005": "The recipient's number is unknown or no longer exists",
  "30007": "The message was filtered by the carrier",
  "30008": "Delivery failed for an unknown reason",
  "63003": "The recipient is not on WhatsApp",
  "63016": "Outside the 24-hour window: only an approved template can be sent until the client writes again",
  "63018": "WhatsApp rate limit for this sender exceeded",
  "63024": "Invalid WhatsApp recipient",
  "63032": "WhatsApp does not allow sending this message to this user",
  "63049": "WhatsApp chose not to deliver this marketing message",
};

export function describeTwilioCode(code: string | undefined, message?: string): string {
  if (message) return message;
  if (code && knownCodes[code]) return knownCodes[code];
  return code ? `Twilio error ${code}` : "Twilio reported a failure without a reason";
}

/** What the twilio SDK throws for a non-2xx answer: RestException or, for RFC 9457 bodies, TwilioServiceException. */
type TwilioHttpError = { status: number; code?: number | string; message: string; detail?: string };

function isTwilioHttpError(error: unknown): error is TwilioHttpError {
  return error instanceof Error && typeof (error as { status?: unknown }).status === "number";
}

/**
 * A failed Twilio API call in the outbox's terms: 429 and 5xx are worth another try (Retry-After honoured
 * when the answer had one; the SDK drops headers from its exception, so the caller passes them), network
 * failures too; every other 4xx (21211 invalid number, 63016 outside the window, 20003 bad credentials)
 * will not change by retrying and is shown to the agent as Twilio said it.
 */
export function toTwilioSendError(error: unknown, responseHeaders?: Record<string, unknown>): Error {
  if (error instanceof PermanentSendError || error instanceof RetryableSendError) return error;
  if (isTwilioHttpError(error)) {
    const code = error.code === undefined ? String(error.status) : String(error.code);
    // Twilio's own text for 20003 is just "Authenticate".
    const message =
      error.status === 401 ? describeTwilioCode("20003") : describeTwilioCode(code, error.message || error.detail);
    if (error.status === 429) return new RetryableSendError(message, retryAfterMs(responseHeaders), code);
    if (error.status >= 500) return new RetryableSendError(message, retryAfterMs(responseHeaders), code);
    return new PermanentSendError(message, code);
  }
  if (error instanceof Error) {
    // axios network failures (ECONNREFUSED, ETIMEDOUT, ECONNRESET): Twilio never answered.
    const code = (error as { code?: unknown }).code;
    if ((error as { isAxiosError?: boolean }).isAxiosError || typeof code === "string") {
      return new RetryableSendError(
        `cannot reach Twilio: ${error.message}`,
        undefined,
        typeof code === "string" ? code : undefined,
      );
    }
  }
  return new RetryableSendError(error instanceof Error ? error.message : String(error));
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(headers: Record<string, unknown> | undefined, now = Date.now()): number | undefined {
  const raw = headers?.["retry-after"] ?? headers?.["Retry-After"];
  if (typeof raw !== "string" && typeof raw !== "number") return undefined;
  const value = String(raw).trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
