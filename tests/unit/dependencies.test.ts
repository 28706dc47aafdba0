import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const manifest = JSON.parse(readFileSync("package.json", "utf8")) as Record<string, Record<string, string>>;
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
  packages: Record<string, { version?: string }>;
};
// An exact semver version: no range, tag, URL or workspace protocol.
const exact = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

describe("dependencies", () => {
  const declared = ["dependencies", "devDependencies", "overrides"].flatMap((field) =>
    Object.entries(manifest[field] ?? {}).map(([name, version]) => ({ field, name, version })),
  );

  it("are all pinned to an exact version", () => {
    const loose = declared.filter((d) => !exact.test(d.version)).map((d) => `${d.field}: ${d.name}@${d.version}`);
    expect(loose).toEqual([]);
  });

  it("are locked at the version package.json names", () => {
    const drift = declared
      .filter((d) => d.field !== "overrides")
      .filter((d) => lock.packages[`node_modules/${d.name}`]?.version !== d.version)
      .map((d) => `${d.name}: declared ${d.version}, locked ${lock.packages[`node_modules/${d.name}`]?.version}`);
    expect(drift).toEqual([]);
  });
});
