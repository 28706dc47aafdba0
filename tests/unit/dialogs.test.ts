import { describe, expect, it } from "vitest";
import { DEFAULT_AI_SETTINGS } from "@/lib/ai/settings";
import { leadsCsv } from "@/lib/dialogs/csv";
import { safeCell } from "@/lib/export/csv";
import { dialogInputHash, lineText, type DialogLine } from "@/lib/dialogs/dialog";
import { toLeadView, type LeadRow } from "@/lib/dialogs/lead-view";
import { scoringInputOf } from "@/lib/dialogs/rescore";

const line = (over: Partial<DialogLine> = {}): DialogLine => ({
  id: "00000000-0000-4000-8000-000000000001",
  direction: "in",
  text: "Здравствуйте",
  transcript: null,
  type: "text",
  occurredAt: "2026-11-22T04:00:00.000Z",
  ...over,
});
const questions = DEFAULT_AI_SETTINGS.qualificationQuestions;

describe("dialog input hash", () => {
  const base = dialogInputHash({ messages: [line()] }, questions, "openai", "gpt-4.1-mini");

  it("is stable for the same input", () => {
    expect(dialogInputHash({ messages: [line()] }, questions, "openai", "gpt-4.1-mini")).toBe(base);
  });

  it("changes with the messages, a transcript, the questions, the engine and the model", () => {
    const changed = [
      dialogInputHash(
        { messages: [line(), line({ id: "00000000-0000-4000-8000-000000000002" })] },
        questions,
        "openai",
        "gpt-4.1-mini",
      ),
      dialogInputHash({ messages: [line({ text: "Здравствуйте!" })] }, questions, "openai", "gpt-4.1-mini"),
      dialogInputHash({ messages: [line({ transcript: "голос" })] }, questions, "openai", "gpt-4.1-mini"),
      dialogInputHash(
        { messages: [line()] },
        { ...questions, q1: { ru: "Что нужно?", en: "What is needed?" } },
        "openai",
        "gpt-4.1-mini",
      ),
      dialogInputHash({ messages: [line()] }, questions, "offline", null),
      dialogInputHash({ messages: [line()] }, questions, "openai", "gpt-4.1"),
    ];
    expect(new Set([base, ...changed]).size).toBe(changed.length + 1);
  });

  it("reads a voice note by its transcript and names a message without words by its kind", () => {
    expect(lineText(line({ text: null, type: "voice", transcript: " Перезвоните " }))).toBe("(voice) Перезвоните");
    expect(lineText(line({ text: null, type: "image" }))).toBe("[image]");
    expect(lineText(line({ text: "x".repeat(5000) })).length).toBe(2001);
  });
});

describe("CSV cells", () => {
  it("defuses what a spreadsheet would run, keeps numbers and phones", () => {
    expect(safeCell('=HYPERLINK("http://evil")')).toBe(`'=HYPERLINK("http://evil")`);
    expect(safeCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(safeCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(safeCell("\t=1")).toBe("'\t=1");
    expect(safeCell("+7 (999) 123-45-67")).toBe("+7 (999) 123-45-67");
    expect(safeCell("-15")).toBe("-15");
    expect(safeCell("Анна")).toBe("Анна");
    expect(safeCell(42)).toBe(42);
    expect(safeCell(null)).toBeNull();
  });

  it("writes a BOM, a header and CRLF rows even with no leads", () => {
    const csv = leadsCsv([]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).startsWith("id,contact,name,phone,source,")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});

describe("stored leads", () => {
  const row: LeadRow = {
    id: "00000000-0000-4000-8000-00000000000a",
    contact_id: "00000000-0000-4000-8000-00000000000b",
    contact_name: null,
    conversation_id: null,
    channel_id: null,
    channel_type: null,
    instance_name: null,
    source: "manual",
    name: "Мария",
    phone: null,
    need: null,
    budget: "50 000",
    budget_amount: "50000.00",
    budget_currency: null,
    is_spam: false,
    analysis: null,
    score: 15,
    interest_level: "cold",
    funnel_stage: "new_lead",
    niche: null,
    qualification_complete: false,
    score_reasons: [{ id: "stage:new_lead", label: "Новый лид", points: 5 }, { junk: true }],
    engine: "manual",
    model: null,
    incoming_count: 0,
    message_count: 0,
    analyzed_at: null,
    last_error: null,
    created_at: new Date("2026-11-22T04:00:00Z"),
    updated_at: "2026-11-22T04:00:00Z",
  };

  it("maps a lead without an analysis; a reason written with `id` is read as its rule, junk is dropped", () => {
    const view = toLeadView(row);
    expect(view).toMatchObject({
      contactName: "",
      qualification: null,
      summary: null,
      createdAt: "2026-11-22T04:00:00.000Z",
    });
    expect(view.scoreReasons).toEqual([{ rule: "stage:new_lead", label: "Новый лид", points: 5 }]);
  });

  it("scores a hand-made lead from its stage and named budget; a person's stage wins over the model's", () => {
    expect(scoringInputOf(row)).toEqual({ funnelStage: "new_lead", budgetMentioned: true });
    expect(scoringInputOf({ analysis: null, funnel_stage: "bogus", budget: null })).toBeUndefined();
    const analysis = {
      language: "ru",
      niche: "medicine",
      qualification: { q1: null, q2: null, q3: null, q4: null },
      isOwner: true,
      budgetMentioned: false,
      budget: null,
      role: "owner",
      funnelStage: "qualified",
      summary: "",
      nextBestAction: "",
    };
    expect(scoringInputOf({ analysis, funnel_stage: "deal_closed", budget: null })).toMatchObject({
      funnelStage: "deal_closed",
      niche: "medicine",
      isOwner: true,
    });
  });
});
