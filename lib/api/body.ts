import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 1024 * 1024;
/** Deeper JSON is refused before it is parsed: no provider or client of ours nests beyond a dozen levels. */
export const MAX_JSON_DEPTH = 64;
/**
 * A client still sending past the limit is read (and discarded) up to this much more before it is answered, so
 * it hears the 413: closing a socket the client is still writing to makes it see a reset, not the answer.
 * A body declared or sent beyond that is cut off (bounded work for a hostile client).
 */
export const DRAIN_BYTES = 8 * 1024 * 1024;

const tooLarge = (maxBytes: number) => new ApiError("payload_too_large", `body over ${maxBytes} bytes`);

/** Reads the body, refusing more than maxBytes without buffering it all. */
export async function readRawBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  if (declared > maxBytes) {
    if (declared > maxBytes + DRAIN_BYTES) await reader.cancel().catch(() => {});
    else await drain(reader);
    throw tooLarge(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await drain(reader);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/** Reads and drops what the client is still sending, up to DRAIN_BYTES; cancels beyond that. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>) {
  let drained = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      drained += value.byteLength;
      if (drained > DRAIN_BYTES) break;
    }
  } catch {
    return;
  }
  await reader.cancel().catch(() => {});
}

/** How deep text's arrays and objects nest, stopping as soon as it passes limit (strings skipped). */
export function jsonDepthOver(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/**
 * The first string (value or key) PostgreSQL cannot hold as text or jsonb: U+0000 anywhere, or a lone UTF-16
 * surrogate (JSON can spell both; neither is text). Returns where it is and why, or undefined.
 */
export function unstorableString(value: unknown, path: (string | number)[] = []): string | undefined {
  if (typeof value === "string") return unstorable(value, path);
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableString(value[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = unstorable(key, [...path, key], "key") ?? unstorableString(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

function unstorable(s: string, path: (string | number)[], what = "") {
  const at = `${path.join(".") || "(root)"}${what ? ` (${what})` : ""}`;
  if (s.includes("\0")) return `${at}: must not contain the NUL character (U+0000)`;
  if (!s.isWellFormed()) return `${at}: is not valid Unicode (a lone surrogate)`;
  return undefined;
}

/** Throws the 400 for JSON text nested deeper than MAX_JSON_DEPTH, before anything recursive reads it. */
export function assertShallow(text: string, where = "body") {
  if (jsonDepthOver(text)) throw new ApiError("bad_request", `${where}: nested deeper than ${MAX_JSON_DEPTH} levels`);
}

/** Throws the 400 for a value holding a string the database cannot store, naming its field. */
export function assertStorable(value: unknown, where = "body") {
  const problem = unstorableString(value);
  if (problem) throw new ApiError("bad_request", `${where}: ${problem}`);
}

/**
 * JSON text as every route and webhook reads it: nested no deeper than MAX_JSON_DEPTH (checked before
 * parsing), valid JSON, and every string storable (no NUL, no lone surrogate) — each a 400 naming the field.
 */
export function parseJsonText(text: string, where = "body"): unknown {
  assertShallow(text, where);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError("bad_request", `${where}: not valid JSON`);
  }
  assertStorable(value, where);
  return value;
}

/** An x-www-form-urlencoded body's fields (repeated keys as arrays), each storable (400 otherwise). */
export function parseFormText(text: string, where = "body"): Record<string, string | string[]> {
  const form = new URLSearchParams(text);
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of form) {
    const seen = fields[key];
    fields[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  assertStorable(fields, where);
  return fields;
}
