import { afterAll, afterEach, beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";

type Fake = { close(): Promise<void>; reset(): void };

/**
 * A fake provider for one test file: started before its tests, the environment pointed at it (undefined removes a
 * variable), reset after each test, closed and the variables removed at the end.
 */
export function fakePerFile<F extends Fake>(
  start: () => Promise<F>,
  env: (fake: F) => Record<string, string | undefined>,
): { readonly fake: F } {
  const holder = {} as { fake: F };
  let names: string[] = [];
  beforeAll(async () => {
    holder.fake = await start();
    const vars = env(holder.fake);
    names = Object.keys(vars);
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvCache();
  });
  afterAll(async () => {
    await holder.fake.close();
    for (const name of names) delete process.env[name];
    resetEnvCache();
  });
  afterEach(() => holder.fake.reset());
  return holder;
}
