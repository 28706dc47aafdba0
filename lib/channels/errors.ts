// What went wrong with a provider, as a code the UI turns into "what happened — what to do" in the user's
// language. The raw text (secrets scrubbed) stays in the log and in channels.last_error for admins.

export const PROBLEM_CODES = [
  "host_not_found",
  "refused",
  "timed_out",
  "tls",
  "unreachable",
  "token_rejected",
  "credentials_rejected",
  "instance_missing",
  "instance_not_connected",
  "account_inactive",
  "rate_limited",
  "provider_error",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * Bot tokens (123456:ABC…, also inside a Bot API URL's /bot<token>/ path), Bearer tokens and key-like query
 * parameters, masked. Applied to every provider error before it is stored, shown or logged.
 */
export function scrubSecrets(text: string): string {
  return text
    .replace(/bot\d{5,}:[A-Za-z0-9_-]{20,}/g, "bot<token>")
    .replace(/\b\d{5,}:[A-Za-z0-9_-]{30,}\b/g, "<token>")
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{12,}/gi, "$1<token>")
    .replace(/([?&](?:access_token|apikey|api_key|key|token)=)[^&\s"']+/gi, "$1<secret>");
}

const NETWORK_CODES: Record<string, ProblemCode> = {
  ENOTFOUND: "host_not_found",
  EAI_AGAIN: "host_not_found",
  ECONNREFUSED: "refused",
  ETIMEDOUT: "timed_out",
  UND_ERR_CONNECT_TIMEOUT: "timed_out",
  UND_ERR_HEADERS_TIMEOUT: "timed_out",
  UND_ERR_BODY_TIMEOUT: "timed_out",
  ECONNRESET: "unreachable",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  UND_ERR_SOCKET: "unreachable",
  CERT_HAS_EXPIRED: "tls",
  DEPTH_ZERO_SELF_SIGNED_CERT: "tls",
  SELF_SIGNED_CERT_IN_CHAIN: "tls",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "tls",
  ERR_TLS_CERT_ALTNAME_INVALID: "tls",
};

/** The first network error code on an error or its causes (fetch wraps it: "fetch failed" ← ENOTFOUND). */
function networkCodeOf(error: unknown): { code: string; host?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const e = current as { code?: unknown; name?: unknown; hostname?: unknown; address?: unknown };
    if (typeof e.code === "string" && NETWORK_CODES[e.code]) {
      const host = typeof e.hostname === "string" ? e.hostname : typeof e.address === "string" ? e.address : undefined;
      return { code: e.code, host };
    }
    if (e.name === "TimeoutError") return { code: "ETIMEDOUT" };
    // grammY's HttpError keeps the fetch error as `error`; fetch and our wrappers use `cause`.
    current = (current as { cause?: unknown }).cause ?? (current as { error?: unknown }).error;
  }
  return undefined;
}

/**
 * An error's message with the network cause named ("fetch failed (ENOTFOUND evo.example.com)"), secrets
 * scrubbed: the raw detail an admin reads under "details".
 */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const net = networkCodeOf(error);
  const cause = net && !message.includes(net.code) ? ` (${[net.code, net.host].filter(Boolean).join(" ")})` : "";
  return scrubSecrets(`${message}${cause}`).slice(0, 1000);
}

/** The problem an error object shows, from its network cause when it has one. */
export function problemOfError(error: unknown, provider: string): ProblemCode {
  const net = networkCodeOf(error);
  if (net) return NETWORK_CODES[net.code];
  return problemOfText(error instanceof Error ? error.message : String(error), provider);
}

/** The same from a stored text (an adapter's test detail, an older row's last_error). */
export function problemOfText(text: string, provider: string): ProblemCode {
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(text)) return "host_not_found";
  if (/ECONNREFUSED/.test(text)) return "refused";
  if (/ETIMEDOUT|CONNECT_TIMEOUT|TimeoutError|timed? ?out|aborted due to timeout/i.test(text)) return "timed_out";
  if (/certificate|CERT_|TLS/i.test(text)) return "tls";
  if (/invalid bot token|bot token|Unauthorized|\b401\b/i.test(text)) {
    return provider === "telegram" ? "token_rejected" : "credentials_rejected";
  }
  if (/rejected the (API key|Account SID|credentials|access token)|\b403\b|invalid (OAuth|access) token/i.test(text)) {
    return "credentials_rejected";
  }
  if (/has no instance/i.test(text)) return "instance_missing";
  if (/not connected to WhatsApp/i.test(text)) return "instance_not_connected";
  if (/account .* is (suspended|closed)/i.test(text)) return "account_inactive";
  if (/\b429\b|too many requests|rate limit/i.test(text)) return "rate_limited";
  if (/cannot reach|unreachable|fetch failed|ECONNRESET|network|socket hang up/i.test(text)) return "unreachable";
  return "provider_error";
}
