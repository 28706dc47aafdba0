import { generateKeyBetween } from "fractional-indexing";
import { expect, it } from "vitest";
import { asService } from "@/lib/db";
import { describeEachDb } from "../helpers/db";

// private.move_deal computes a card's key in the database (the move is one statement); the board, new deals and
// stage reorders still compute keys with fractional-indexing in TypeScript. Both must agree on every key.

/** Keys as the library makes them: runs from the start and the end, midpoints, and the integer part's edges. */
function sampleKeys(seed: number): string[] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const keys = new Set<string>([
    "a0",
    "a1",
    "az",
    "Zz",
    "b00",
    "b0z",
    "zzzzzzzzzzzzzzzzzzzzzzzzzzz",
    "A00000000000000000000000001",
  ]);
  let up = "a0";
  let down = "a0";
  for (let i = 0; i < 80; i++) {
    up = generateKeyBetween(up, null);
    down = generateKeyBetween(null, down);
    keys.add(up).add(down);
  }
  const sorted = () => [...keys].sort();
  for (let i = 0; i < 300; i++) {
    const all = sorted();
    const at = Math.floor(random() * (all.length - 1));
    // Mostly neighbours (deep midpoints, as repeated drops into one gap make), sometimes far apart.
    const to = random() < 0.7 ? at + 1 : Math.min(all.length - 1, at + 1 + Math.floor(random() * 20));
    keys.add(generateKeyBetween(all[at], all[to]));
  }
  return sorted();
}

describeEachDb("deal keys in the database", () => {
  it("answers what fractional-indexing answers, between two keys, after one, before one and in an empty column", async () => {
    const keys = sampleKeys(7);
    const pairs: [string | null, string | null][] = [[null, null]];
    for (let i = 0; i + 1 < keys.length; i++) {
      pairs.push([keys[i], keys[i + 1]], [keys[i], null], [null, keys[i + 1]]);
      if (i + 5 < keys.length) pairs.push([keys[i], keys[i + 5]]);
    }
    const rows = await asService((sql) =>
      sql.query<{ key: string }>(
        "select private.fi_key_between(p.a, p.b) as key from unnest($1::text[], $2::text[]) with ordinality as p(a, b, n) order by p.n",
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      ),
    );
    const expected = pairs.map(([a, b]) => generateKeyBetween(a, b));
    const differing = rows.map((r, i) => [pairs[i], r.key, expected[i]]).filter(([, got, want]) => got !== want);
    expect(differing).toEqual([]);
    expect(rows).toHaveLength(pairs.length);
    // Every answer really lies between its bounds, byte-wise.
    for (const [i, [a, b]] of pairs.entries()) {
      if (a !== null) expect(rows[i].key > a).toBe(true);
      if (b !== null) expect(rows[i].key < b).toBe(true);
    }
  });

  it("refuses keys the library refuses", async () => {
    for (const bad of ["a00", "a", "!0", "A00000000000000000000000000"]) {
      expect(() => generateKeyBetween(bad, null)).toThrow();
      await expect(asService((sql) => sql.query("select private.fi_key_between($1, null)", [bad]))).rejects.toThrow();
    }
  });
});
