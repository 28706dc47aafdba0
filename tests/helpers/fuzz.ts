import { expect } from "vitest";

// A bounded, seeded fuzzer: the same seed makes the same cases, so a failure names a case that can be replayed.
// Values are hostile where it counts for a database-backed route: NUL and backslash-NUL in strings, lone
// surrogates, ids longer than an index key, numbers and dates outside every column's range, nesting past any
// parser's stack, and the wrong type where a field is expected.

export type Rng = {
  next(): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
};

/** mulberry32: small, fast, and enough for choosing cases. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)], chance: (p) => next() < p };
}

export const HOSTILE_STRINGS = [
  "a\\\u0000b", // backslash then NUL: the one that slipped past the old filter
  "\u0000",
  "before\u0000after",
  "\\u0000",
  "x\ud800y", // lone high surrogate
  "\udfff",
  "i".repeat(3000), // over a btree key (~2.7 kB)
  "я".repeat(1500),
  "😀".repeat(700),
  "",
  " ",
  "'; drop table public.messages; --",
  "<img src=x onerror=alert(1)>",
  "%00%5C",
  "9".repeat(400),
  "-1",
  "1e309",
  "\u202eevil",
  "null",
] as const;

export const HOSTILE_NUMBERS = [
  0,
  -1,
  1.5,
  -0,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  300000000000,
  300000000000000,
] as const;

export const HOSTILE_DATES = [
  "9999-12-31T23:59:59Z",
  "+275760-09-13T00:00:00.000Z",
  "0000-01-01T00:00:00Z",
  "2026-13-45T99:99:99Z",
  "300000000000",
  "-271821-04-20T00:00:00Z",
] as const;

/**
 * Arrays inside arrays, depth levels deep (5,000 overflowed the stack where raw events are stored). A marker
 * until toJsonText writes it: building or stringifying it as an object would overflow the test's own stack.
 */
export const nested = (depth: number) => `__deep_${depth}__`;

/** JSON text of a case, with each nested() marker written out as that many levels of arrays. */
export const toJsonText = (value: unknown) =>
  (JSON.stringify(value) ?? "null").replace(/"__deep_(\d+)__"/g, (_, n) => "[".repeat(+n) + "]".repeat(+n));

/** Something of the wrong kind, or hostile within the right one. */
export function hostile(r: Rng): unknown {
  switch (r.int(6)) {
    case 0:
    case 1:
      return r.pick(HOSTILE_STRINGS);
    case 2:
      return r.pick(HOSTILE_NUMBERS);
    case 3:
      return r.pick(HOSTILE_DATES);
    case 4:
      return r.pick([null, true, [], {}, [r.pick(HOSTILE_STRINGS)], { "\u0000": 1 }]);
    default:
      return nested(r.pick([65, 200, 5000]));
  }
}

/** Replaces leaves of value at random with hostile ones (p per leaf); keys of objects are kept. */
export function mutate(r: Rng, value: unknown, p: number, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((v) => mutate(r, v, p, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mutate(r, v, p, depth + 1);
    if (r.chance(p / 4)) out[r.pick(["extra", "\u0000key", "x\ud800"])] = hostile(r);
    return out;
  }
  return r.chance(p) ? hostile(r) : value;
}

/** The value with exactly one string leaf replaced by one the database cannot store (NUL, lone surrogate). */
export function poisonOne(r: Rng, value: unknown): unknown {
  const leaves: (string | number)[][] = [];
  const walk = (v: unknown, at: (string | number)[]) => {
    if (typeof v === "string") leaves.push(at);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
  };
  walk(value, []);
  if (!leaves.length) return value;
  const target = r.pick(leaves);
  const poison = r.pick(["a\\\u0000b", "\u0000", "x\ud800y", "\udfff"]);
  const copy = structuredClone(value) as Record<string | number, unknown>;
  if (!target.length) return poison;
  let node = copy;
  for (const key of target.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[target[target.length - 1]] = `${node[target[target.length - 1]]}${poison}`;
  return copy;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  default?: unknown;
};

/**
 * A value for a JSON Schema (as the OpenAPI document describes a route's body or query), valid where the
 * schema is simple, with ids drawn from ids: so many cases get past validation and reach the database.
 */
export function fromSchema(r: Rng, schema: JsonSchema | undefined, ids: readonly string[], depth = 0): unknown {
  if (!schema || depth > 8) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return r.pick(schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fromSchema(r, r.pick(variants), ids, depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => fromSchema(r, s, ids, depth + 1)));
  const type = Array.isArray(schema.type) ? r.pick(schema.type.filter((t) => t !== "null")) : schema.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {}))
        if (schema.required?.includes(k) || r.chance(0.6)) out[k] = fromSchema(r, s, ids, depth + 1);
      return out;
    }
    case "array":
      return Array.from({ length: Math.max(schema.minItems ?? 0, r.int(3)) }, () =>
        fromSchema(r, schema.items, ids, depth + 1),
      );
    case "integer":
    case "number": {
      const lo = schema.minimum ?? 0;
      const hi = schema.maximum ?? lo + 100;
      return lo + r.int(Math.max(1, Math.min(hi - lo, 1000)) + 1);
    }
    case "boolean":
      return r.chance(0.5);
    case "string":
      return stringFor(r, schema, ids);
    default:
      return r.pick(["text", 1, true]);
  }
}

function stringFor(r: Rng, schema: JsonSchema, ids: readonly string[]): string {
  switch (schema.format) {
    case "uuid":
      return ids.length && r.chance(0.9) ? r.pick(ids) : seededUuid(r);
    case "email":
      return `fuzz-${r.int(1e9)}@example.com`;
    case "uri":
    case "url":
      return "http://127.0.0.1:1/fuzz";
    case "date-time":
      return new Date().toISOString();
  }
  const min = schema.minLength ?? 1;
  const max = schema.maxLength ?? 40;
  const text = r.pick(["Fuzz value", "Привет, мир", "+79161234567", "fuzz_value_0123456789abcdef"]);
  return text.padEnd(min, "x").slice(0, Math.max(min, Math.min(max, text.length)));
}

/** A v4-shaped uuid from the seed, so a replayed case names the same (absent) row. */
export function seededUuid(r: Rng): string {
  const hex = Array.from({ length: 32 }, () => r.int(16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** Every id-looking string in a JSON value (uuids), to feed later cases with ids that exist. */
export function collectIds(value: unknown, into: Set<string>) {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const walk = (v: unknown, depth: number): void => {
    if (depth > 10) return;
    if (typeof v === "string" && uuid.test(v)) into.add(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1));
    else if (v && typeof v === "object") Object.values(v).forEach((x) => walk(x, depth + 1));
  };
  walk(value, 0);
}

/** The answer of one case; what it sent is kept for the failure message. */
export type Outcome = { label: string; status: number; body: string; sent: string };

/** Fails naming each case that answered 5xx (none may: the database is up during the fuzz). */
export function expectNo5xx(outcomes: Outcome[]) {
  const failures = outcomes
    .filter((o) => o.status >= 500)
    .slice(0, 5)
    .map((o) => `${o.label} → ${o.status} ${o.body.slice(0, 300)}\n  sent: ${o.sent.slice(0, 300)}`);
  expect(failures, failures.join("\n")).toEqual([]);
}
