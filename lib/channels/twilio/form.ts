import type { WebhookRequest } from "../types";

/** Form parameters as twilio's validateRequest wants them: repeated keys become arrays. */
export type TwilioParams = Record<string, string | string[]>;

/**
 * The parameters Twilio signed and sent: the form body of a POST (x-www-form-urlencoded, UTF-8), nothing
 * for a GET (its parameters are in the URL, which the signature already covers).
 */
export function webhookParams(req: WebhookRequest): TwilioParams {
  if (req.method.toUpperCase() === "GET") return {};
  return decodeForm(new TextDecoder().decode(req.rawBody));
}

export function decodeForm(body: string): TwilioParams {
  const params: TwilioParams = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const seen = params[key];
    if (seen === undefined) params[key] = value;
    else params[key] = Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return params;
}

/** One value per key for reading (the first when repeated); for a GET webhook, the query string. */
export function readableParams(req: WebhookRequest): Record<string, string> {
  const params = req.method.toUpperCase() === "GET" ? decodeForm(new URL(req.url).search.slice(1)) : webhookParams(req);
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
