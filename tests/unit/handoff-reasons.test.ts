import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KNOWN_HANDOFF_REASONS } from "@/components/ai/handoff-reason";
import { OFFLINE_HANDOFF_REASONS } from "@/lib/assistant/offline-engine";

const messages = (locale: string) =>
  JSON.parse(readFileSync(`messages/${locale}.json`, "utf8")).handoffReasons as Record<string, string>;

describe("hand-off reasons in the UI's language", () => {
  it("every reason the offline engine stores has a key, and every key is in English and Russian", () => {
    const reasons = [...Object.values(OFFLINE_HANDOFF_REASONS), "The client asked to talk to a person"];
    for (const reason of reasons) {
      const known = KNOWN_HANDOFF_REASONS.find(([pattern]) => pattern.test(reason));
      expect([reason, known?.[1]]).toEqual([reason, expect.any(String)]);
      for (const locale of ["en", "ru"]) expect(messages(locale)[known![1]]).toBeTruthy();
    }
  });
});
