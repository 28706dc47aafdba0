import OpenAI from "openai";
import { env } from "@/lib/env";
import { quotaAwareFetch } from "./quota";

/** No OPENAI_API_KEY: callers fall back to the offline engine instead of calling this module. */
export class OpenAINotConfiguredError extends Error {
  constructor() {
    super("OPENAI_API_KEY is not set");
    this.name = "OpenAINotConfiguredError";
  }
}

export type OpenAIClientOptions = {
  apiKey?: string;
  /** Any OpenAI-compatible server; includes /v1. */
  baseURL?: string;
  /** The SDK retries 408/409/429/5xx and connection errors, honouring retry-after(-ms). */
  maxRetries?: number;
  /** Per attempt; the SDK's default is 10 minutes, far too long for a reply to a waiting client. */
  timeoutMs?: number;
};

export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_TIMEOUT_MS = 60_000;

export function isOpenAIConfigured(): boolean {
  return Boolean(env().OPENAI_API_KEY);
}

export function createOpenAIClient(options: OpenAIClientOptions = {}): OpenAI {
  const apiKey = options.apiKey ?? env().OPENAI_API_KEY;
  if (!apiKey) throw new OpenAINotConfiguredError();
  return new OpenAI({
    apiKey,
    // Explicit so the SDK never picks up a different OPENAI_BASE_URL than the one env() validated.
    baseURL: options.baseURL ?? env().OPENAI_BASE_URL ?? "https://api.openai.com/v1",
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    // An exhausted quota is not retried (the SDK would retry it like a rate limit).
    fetch: quotaAwareFetch(),
  });
}

let shared: { client: OpenAI; key: string } | undefined;

/** One client per process (keeps its connection pool); rebuilt when the key or base URL changes (tests). */
export function openAIClient(): OpenAI {
  const key = `${env().OPENAI_API_KEY}|${env().OPENAI_BASE_URL}`;
  if (shared?.key !== key) shared = { client: createOpenAIClient(), key };
  return shared.client;
}
