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

const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "57P01", "57P03", "53300"]);

/** Maps what the database threw to the answer a client should get. */
export function fromDatabaseError(error: unknown): ApiError | undefined {
  const e = error as { code?: string; message?: string };
  if (!e || typeof e !== "object") return undefined;
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return new ApiError("unavailable", "database unavailable, try again");
  if (e.message?.includes("Connection terminated") || e.message?.includes("timeout exceeded when trying to connect"))
    return new ApiError("unavailable", "database unavailable, try again");
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
  return undefined;
}
