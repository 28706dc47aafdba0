import twilio from "twilio";
import { WebhookAuthError, type WebhookRequest } from "../types";
import type { TwilioChannel } from "./config";
import { webhookParams } from "./form";

/**
 * Checks X-Twilio-Signature (HMAC-SHA1 of the public URL and the sorted form parameters, keyed by the auth
 * token) with the twilio SDK's own validator, which also accepts the URL with and without its default port
 * as Twilio's back ends sign either.
 *
 * Every refusal is 403, missing header included: that is what Twilio's own webhook middleware answers, and
 * what its debugger reports as a validation failure (a 401 would suggest Twilio should send credentials,
 * which it never does). A channel without an auth token refuses everything rather than skipping the check.
 */
export function verifyTwilioSignature(channel: TwilioChannel, req: WebhookRequest): void {
  const authToken = channel.secrets?.authToken;
  if (typeof authToken !== "string" || authToken.trim() === "") {
    throw new WebhookAuthError("this channel has no Twilio auth token to check signatures with", 403);
  }
  const signature = req.headers.get("x-twilio-signature");
  if (!signature) throw new WebhookAuthError("X-Twilio-Signature header is missing", 403);

  // JSON-bodied webhooks sign the URL only, with the body's SHA-256 in the bodySHA256 query parameter.
  const valid = new URL(req.url).searchParams.has("bodySHA256")
    ? twilio.validateRequestWithBody(authToken, signature, req.url, new TextDecoder().decode(req.rawBody))
    : twilio.validateRequest(authToken, signature, req.url, webhookParams(req));
  if (!valid) throw new WebhookAuthError("X-Twilio-Signature does not match this request", 403);
}
