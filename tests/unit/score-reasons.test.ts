import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING_PRESET, localizeReasons, scoreDialog, type ScoringPreset } from "@/lib/ai/scoring";
import { isQuotaExhausted } from "@/lib/ai/openai/quota";
import { APIError, RateLimitError } from "openai";

describe("score reasons in the reader's language", () => {
  const lead = {
    funnelStage: "deal_closed" as const,
    niche: "medicine" as const,
    isOwner: true,
    budgetMentioned: true,
  };

  it("names the default preset's rules and the clamp in English or Russian", () => {
    const { reasons } = scoreDialog(lead, DEFAULT_SCORING_PRESET);
    expect(localizeReasons(reasons, "en").map((r) => `${r.label} ${r.points}`)).toEqual([
      "Deal closed 75",
      "Medicine 15",
      "Business owner 10",
      "Budget named 10",
      "capped at 100 -10",
    ]);
    expect(localizeReasons(reasons, "ru").map((r) => r.label)).toEqual([
      "Сделка закрыта",
      "Медицина",
      "Владелец",
      "Бюджет указан",
      "не больше 100",
    ]);
    // Points and rules never change, only the words.
    expect(localizeReasons(reasons, "en").map((r) => [r.rule, r.points])).toEqual(
      reasons.map((r) => [r.rule, r.points]),
    );
    expect(localizeReasons(reasons, null)).toEqual(reasons);
  });

  it("keeps a label the organisation wrote itself", () => {
    const preset: ScoringPreset = {
      ...DEFAULT_SCORING_PRESET,
      modifiers: DEFAULT_SCORING_PRESET.modifiers.map((m) =>
        m.id === "owner" ? { ...m, label: "Лицо, принимающее решение" } : m,
      ),
    };
    const labels = localizeReasons(scoreDialog(lead, preset).reasons, "en").map((r) => r.label);
    expect(labels).toContain("Лицо, принимающее решение");
    expect(labels).toContain("Medicine");
  });
});

describe("insufficient_quota", () => {
  const error = (status: number, body: Record<string, unknown>) =>
    APIError.generate(status, { error: body }, undefined, new Headers());

  it("is told apart from a rate limit's 429", () => {
    const quota = error(429, { type: "insufficient_quota", code: "insufficient_quota", message: "quota" });
    expect(quota).toBeInstanceOf(RateLimitError);
    expect(isQuotaExhausted(quota)).toBe(true);
    expect(isQuotaExhausted(error(429, { type: "insufficient_quota", code: "credit_balance_exhausted" }))).toBe(true);
    expect(isQuotaExhausted(error(429, { type: "tokens", code: "rate_limit_exceeded" }))).toBe(false);
    expect(isQuotaExhausted(error(500, { code: "insufficient_quota" }))).toBe(false);
    expect(isQuotaExhausted(new Error("insufficient_quota"))).toBe(false);
  });
});
