import { z } from "zod";
import { ApiError } from "@/lib/api/errors";

// Keyset cursors for lists with a choice of sort: base64url of [sort, the sort column's value as text, id]. A
// cursor handed back with another sort is refused rather than read as a position it never was.

export const encodeSortCursor = (sort: string, value: string, id: string) =>
  Buffer.from(JSON.stringify([sort, value, id])).toString("base64url");

export function decodeSortCursor(cursor: string | undefined, sort: string) {
  if (!cursor) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(v) &&
      v.length === 3 &&
      v[0] === sort &&
      typeof v[1] === "string" &&
      z.uuid().safeParse(v[2]).success
    ) {
      return { value: v[1] as string, id: v[2] as string };
    }
  } catch {
    // fall through
  }
  throw new ApiError("bad_request", "cursor: not a cursor this list gave out (for this sort)");
}
