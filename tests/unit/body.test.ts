import { expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { readJson } from "@/lib/api/handler";

const streamed = (chunks: string[]) =>
  new Request("http://localhost/x", {
    method: "POST",
    body: new ReadableStream({
      start(c) {
        for (const chunk of chunks) c.enqueue(new TextEncoder().encode(chunk));
        c.close();
      },
    }),
    duplex: "half",
  } as RequestInit);

it("refuses a body over the cap even without a Content-Length, and reads one under it", async () => {
  const err = await readJson(streamed(["[", "1,".repeat(40), "1]"]), 64).catch((e) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).status).toBe(413);
  expect(await readJson(streamed(['{"a":', "1}"]), 64)).toEqual({ a: 1 });
  const bad = await readJson(streamed(["{nope"]), 64).catch((e) => e);
  expect((bad as ApiError).status).toBe(400);
});
