import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("environment", () => {
  it("needs nothing for the embedded default", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: "./.data" });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ ENCRYPTION_KEY: "abc" })).toThrow(/ENCRYPTION_KEY: must be 64 hex/);
    expect(() => parseEnv({ NEXT_PUBLIC_SUPABASE_URL: "https://x.supabase.co" })).toThrow(EnvError);
    expect(() =>
      parseEnv({ NEXT_PUBLIC_SUPABASE_URL: "https://x.supabase.co", NEXT_PUBLIC_SUPABASE_ANON_KEY: "k" }),
    ).toThrow(/DATABASE_URL: is required with Supabase/);
  });

  it("treats empty strings as unset, as .env files write them", () => {
    const env = parseEnv({ DATABASE_URL: "", APP_URL: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.APP_URL).toBeUndefined();
  });
});
