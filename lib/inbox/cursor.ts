import { ApiError } from "@/lib/api/errors";

// Keyset cursors are opaque to clients: base64url of [timestamp, tie-breaker]. The timestamp is PostgreSQL's
// own text with microseconds (a JavaScript Date would round to milliseconds and skip or repeat rows).

export const CURSOR_TIME_SQL = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function encodeCursor(at: string, key: string): string {
  return Buffer.from(JSON.stringify([at, key])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, field = "cursor"): { at: string; key: string } | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "string" &&
      typeof value[1] === "string" &&
      !Number.isNaN(Date.parse(value[0]))
    ) {
      return { at: value[0], key: value[1] };
    }
  } catch {
    // fall through
  }
  throw new ApiError("bad_request", `${field}: not a cursor this API gave out`);
}
