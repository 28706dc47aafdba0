import { z } from "zod";
import { WebhookPayloadError } from "../types";

/** Webhook bodies are JSON; anything else is named as such rather than thrown as a SyntaxError. */
export function readJsonBody(rawBody: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(rawBody));
  } catch {
    throw new WebhookPayloadError("body is not valid UTF-8 JSON");
  }
}

/** zod at the edge: the first few problems, each with the path of the field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, at?: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((i) => `${[at, ...i.path].filter((p) => p !== undefined).join(".") || "(body)"}: ${i.message}`)
    .join("; ");
  throw new WebhookPayloadError(problems);
}

/** WhatsApp sends Unix seconds as strings; Instagram sends milliseconds as numbers. */
export const unixSeconds = z
  .union([z.string().regex(/^\d+$/, "Unix seconds"), z.number().int().nonnegative()])
  .transform((v) => new Date(Number(v) * 1000));
export const unixMillis = z
  .number()
  .int()
  .nonnegative()
  .transform((v) => new Date(v));

/** Graph ids are digits: anything else in a config would end up in a request path. */
export const graphId = z
  .string()
  .trim()
  .regex(/^\d{1,32}$/, "a numeric Graph API id");
