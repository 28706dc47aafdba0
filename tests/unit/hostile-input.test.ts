import { expect, it } from "vitest";
import { jsonDepthOver, parseFormText, parseJsonText } from "@/lib/api/body";
import { ApiError, fromDatabaseError, isUnavailable } from "@/lib/api/errors";
import { MAX_CLOCK_SKEW_MS, providerTime } from "@/lib/channels/types";
import { jsonForDb } from "@/lib/inbox/events";

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return `${(e as ApiError).status} ${(e as ApiError).message}`;
  }
  throw new Error("expected a refusal");
};

it("counts nesting outside strings only, stopping at the limit", () => {
  expect(jsonDepthOver("[".repeat(64) + "]".repeat(64))).toBe(false);
  expect(jsonDepthOver("[".repeat(65) + "]".repeat(65))).toBe(true);
  // Brackets and escaped quotes inside strings are text, not nesting.
  expect(jsonDepthOver(JSON.stringify({ a: "[".repeat(500) + '\\"{{{' }))).toBe(false);
  expect(refusal(() => parseJsonText("[".repeat(5000) + "]".repeat(5000)))).toBe(
    "400 body: nested deeper than 64 levels",
  );
});

it("names the field holding NUL, backslash-NUL or a lone surrogate, in values and keys", () => {
  expect(refusal(() => parseJsonText('{"message":{"text":"a\\\\\\u0000b"}}'))).toBe(
    "400 body: message.text: must not contain the NUL character (U+0000)",
  );
  expect(refusal(() => parseJsonText('{"list":["ok","x\\ud800"]}'))).toBe(
    "400 body: list.1: is not valid Unicode (a lone surrogate)",
  );
  expect(refusal(() => parseJsonText('{"k\\u0000":1}'))).toBe(
    "400 body: k\u0000 (key): must not contain the NUL character (U+0000)",
  );
  // A surrogate pair is one well-formed character.
  expect(parseJsonText('{"e":"\\ud83d\\ude00"}')).toEqual({ e: "😀" });
  expect(refusal(() => parseFormText("Body=a%5C%00b&From=x"))).toBe(
    "400 body: Body: must not contain the NUL character (U+0000)",
  );
  expect(parseFormText("a=1&a=2&b=%D0%BF")).toEqual({ a: ["1", "2"], b: "п" });
});

it("jsonForDb drops NUL and lone surrogates however many backslashes precede them, and keeps the rest", () => {
  expect(JSON.parse(jsonForDb({ t: "a\\\u0000b", u: "a\u0000b", v: "\\u0000", w: "x\ud800y", e: "😀" }))).toEqual({
    t: "a\\b",
    u: "ab",
    v: "\\u0000",
    w: "xy",
    e: "😀",
  });
});

it("a provider time outside 1970..receipt+1 day becomes the receipt time; others are kept", () => {
  const before = Date.now();
  for (const bad of [new Date(300000000000 * 1000), new Date(NaN), -1, Date.now() + MAX_CLOCK_SKEW_MS + 60_000]) {
    const t = providerTime.parse(bad).getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  }
  expect(providerTime.parse("2024-02-29T12:00:00Z").toISOString()).toBe("2024-02-29T12:00:00.000Z");
});

it("every way a driver says the database is gone is a 503; data it refuses is a 400", () => {
  for (const e of [
    new Error("Client has encountered a connection error and is not queryable"),
    new Error("Client was closed and is not queryable"),
    new Error("Connection terminated unexpectedly"),
    new Error("PGlite is closed"),
    Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
    Object.assign(new Error("connection failure"), { code: "08006" }),
    Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
  ]) {
    expect(isUnavailable(e), e.message).toBe(true);
    expect(fromDatabaseError(e)?.status).toBe(503);
  }
  for (const code of ["22021", "22P05", "54000", "22008", "22003"])
    expect(fromDatabaseError(Object.assign(new Error("x"), { code }))?.status).toBe(400);
  expect(isUnavailable(new ApiError("not_found", "nope"))).toBe(false);
});
