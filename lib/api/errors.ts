import { z } from "zod";

export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
  get status() {
    return STATUS[this.code];
  }
}

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export function errorResponse(error: ApiError, headers?: HeadersInit) {
  return Response.json(
    { error: { code: error.code, message: error.message, details: error.details } },
    { status: error.status, headers },
  );
}

/** A zod failure as a 400 that names each field. */
export function validationError(error: z.ZodError, where = "body") {
  const details = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = details[0];
  return new ApiError(
    "bad_request",
    first ? `${where}: ${first.path || "(root)"}: ${first.message}` : `invalid ${where}`,
    details,
  );
}

// Node's socket errors and PostgreSQL's "the server went away / is starting / is full": the client should retry.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "53300",
]);
// What node-postgres and PGlite throw without a code when the connection is gone (pg's Client and Pool
// messages, PGlite's after close): a transient outage, never the request's fault.
const UNAVAILABLE_MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
  "Cannot use a pool after calling end on the pool",
  "PGlite is closed",
];
// Values PostgreSQL refuses as data (NUL or invalid text, out-of-range numbers and dates, a key too long for
// its index): the edge refuses these first; this keeps anything that slips past a 400 rather than a 500.
const DATA_CODES: Record<string, string> = {
  "22001": "a value is too long",
  "22003": "a number is out of range",
  "22007": "a date or time is malformed",
  "22008": "a date or time is out of range",
  "22009": "a date or time is out of range",
  "22021": "text holds a character the database cannot store",
  "22P05": "text holds a character the database cannot store",
  "54000": "a value is too long",
  "54001": "a value is nested too deeply",
};

/** Whether the error says the database could not be reached (as opposed to refusing this request). */
export function isUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  if (!e || typeof e !== "object") return false;
  const code = typeof e.code === "string" ? e.code : "";
  // Class 08 is connection exceptions; 57P01-57P05 the server shutting down, starting or gone.
  if (UNAVAILABLE_CODES.has(code) || code.startsWith("08") || /^57P0[1-5]$/.test(code)) return true;
  const message = typeof e.message === "string" ? e.message : "";
  return UNAVAILABLE_MESSAGES.some((m) => message.includes(m));
}

/** Maps what the database threw to the answer a client should get. */
export function fromDatabaseError(error: unknown): ApiError | undefined {
  const e = error as { code?: string; message?: string };
  if (!e || typeof e !== "object") return undefined;
  if (isUnavailable(e)) return new ApiError("unavailable", "database unavailable, try again");
  // Our own guards raise 42501 with a reason worth showing; Postgres's RLS and grant refusals are generic.
  if (e.code === "42501")
    return new ApiError(
      "forbidden",
      e.message && !/row-level security|permission denied/.test(e.message) ? e.message : "not allowed",
    );
  if (e.code === "23505") return new ApiError("conflict", "already exists");
  if (e.code === "23514" || e.code === "P0001") return new ApiError("bad_request", e.message ?? "rejected");
  if (e.code === "P0002") return new ApiError("not_found", e.message ?? "not found");
  if (e.code === "22P02") return new ApiError("bad_request", "malformed identifier");
  if (e.code && Object.hasOwn(DATA_CODES, e.code)) return new ApiError("bad_request", DATA_CODES[e.code]);
  return undefined;
}
