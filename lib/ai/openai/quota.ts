import { APIError } from "openai";

// OpenAI answers an exhausted quota with HTTP 429, like a rate limit, but waiting does not help: only billing does.
// ../shared/wire/openai.md §5: {"error": {"type": "insufficient_quota", "code": "insufficient_quota"}}, and in 2026
// captures "code": "credit_balance_exhausted".

const QUOTA_CODES = new Set(["insufficient_quota", "credit_balance_exhausted"]);

/** True for an API error that says the account's quota or credit is used up (never worth retrying). */
export function isQuotaExhausted(err: unknown): boolean {
  if (!(err instanceof APIError) || err.status !== 429) return false;
  return QUOTA_CODES.has(String(err.code ?? "")) || QUOTA_CODES.has(String(err.type ?? ""));
}

function quotaBody(text: string): boolean {
  try {
    const error = (JSON.parse(text) as { error?: { code?: unknown; type?: unknown } }).error;
    return QUOTA_CODES.has(String(error?.code ?? "")) || QUOTA_CODES.has(String(error?.type ?? ""));
  } catch {
    return false;
  }
}

/**
 * The SDK retries every 429 (up to maxRetries, waiting each time); it does honour `x-should-retry: false`. This
 * fetch marks a quota 429 so, and only that: a rate limit's 429 keeps its retries and retry-after.
 */
export function quotaAwareFetch(inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.status !== 429) return response;
    const text = await response.text();
    const headers = new Headers(response.headers);
    if (quotaBody(text)) headers.set("x-should-retry", "false");
    return new Response(text, { status: response.status, statusText: response.statusText, headers });
  };
}
