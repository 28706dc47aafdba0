import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAIFake, type RecordedRequest } from "../fakes/openai";
import { signedUpdate, startTelegramFake, type TelegramFake } from "../fakes/telegram";
import { launchBrowser, newUser } from "./browser";
import { cleanShot, connectTelegram, shootLooks, signUp } from "./ai-setup";
import { startServer, type TestServer } from "./server";
import * as tg from "./telegram-updates";

const sent = (telegram: TelegramFake) =>
  telegram.callsTo("sendMessage").map((c) => ({ chat: String(c.params.chat_id), text: String(c.params.text) }));
const row = (page: Page, name: string) => page.getByTestId("conversation-row").filter({ hasText: name });
const outBubble = (page: Page, text: string) =>
  page.locator("[data-testid=message][data-direction=out]").filter({ hasText: text });

/**
 * The assistant without an API key (the offline engine answers from the profile's FAQ), in a real browser
 * against the production build, Telegram replaced by the local fake: the owner describes the business in
 * Settings → AI, a client's question in auto mode is answered from the FAQ and delivered to Telegram; a question
 * it cannot answer is handed to a person; in draft mode the answer waits in the composer, the agent edits it and
 * Telegram receives the edited words.
 */
describe("AI assistant: auto-replies and drafts (offline engine)", () => {
  let server: TestServer;
  let browser: Browser;
  let telegram: TelegramFake;
  const stamp = Date.now().toString(36);
  const maria = { id: 6_610_001, first_name: "Мария", last_name: "Ковалёва", language_code: "ru" };
  const ivan = { id: 6_610_002, first_name: "Ivan", last_name: "Petrov" };
  const faq = {
    ru: { q: "Сколько стоит доставка по Москве?", a: "Доставка по Москве — 500 ₽, от 10 000 ₽ бесплатно." },
    en: { q: "How much does delivery in Moscow cost?", a: "Delivery in Moscow is 500 RUB, free from 10,000 RUB." },
  };
  // The hand-off names the profile's working hours, carried into English word for word.
  const handoffText =
    "Thank you for your question! I'm passing it to a manager, who will reply during working hours (Mon–Fri 9:00–19:00).";

  beforeAll(async () => {
    telegram = await startTelegramFake({ botUsername: "northwind_ai_bot" });
    server = await startServer({
      env: {
        TELEGRAM_API_ROOT: telegram.apiRoot,
        JOBS_RUNNER: "on",
        OPENAI_API_KEY: undefined,
        OPENAI_BASE_URL: undefined,
      },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await telegram?.close();
  });

  it("answers from the FAQ in auto mode, hands off what it can't, and sends an edited draft", async () => {
    const { context, page, errors } = await newUser(browser, server.url);
    await signUp(page, { name: "Olga Owner", email: `olga-ai-${stamp}@example.com`, org: "Northwind Heating" });
    const bot = await connectTelegram(page, telegram);
    const post = async (update: Parameters<typeof signedUpdate>[1]) =>
      expect((await fetch(bot.webhookUrl, signedUpdate(bot.secret, update))).status).toBe(200);

    // Settings → AI: no key, so the offline engine; the business profile, its FAQ, auto-reply by default.
    await page.getByRole("link", { name: "AI", exact: true }).click();
    await page.waitForURL(/\/settings\/ai$/);
    expect(await page.getByTestId("ai-engine").getAttribute("data-engine")).toBe("offline");
    await page.getByTestId("ai-engine").getByText("Offline engine").waitFor();
    await page.getByLabel("Company").fill("Northwind Heating");
    await page.getByLabel("Working hours").fill("Пн–Пт 9:00–19:00");
    await page.getByRole("button", { name: "Add a service" }).click();
    await page.getByRole("textbox", { name: "Service", exact: true }).fill("Монтаж котла");
    await page.getByRole("textbox", { name: "Price, e.g. from $40" }).fill("от 15 000 ₽");
    for (const [i, entry] of [faq.ru, faq.en].entries()) {
      await page.getByRole("button", { name: "Add a question" }).click();
      await page.getByRole("textbox", { name: `Question ${i + 1}`, exact: true }).fill(entry.q);
      await page.getByRole("textbox", { name: `Answer ${i + 1}`, exact: true }).fill(entry.a);
    }
    await page.getByRole("radiogroup", { name: "Default mode for new messages" }).getByText("Auto-reply").click();

    // A 400 names the field: the company cannot be empty while the profile has content.
    await page.getByLabel("Company").fill("");
    await page.getByTestId("ai-settings-save").click();
    await page.locator("#ai-company-error").waitFor();
    await page.getByLabel("Company").fill("Northwind Heating");
    await page.getByTestId("ai-settings-save").click();
    await page.getByText("AI settings saved").waitFor();
    await page.reload();
    expect(await page.getByLabel("Company").inputValue()).toBe("Northwind Heating");
    expect(await page.getByRole("textbox", { name: "Answer 2", exact: true }).inputValue()).toBe(faq.en.a);
    expect(await page.getByRole("radio", { name: "Auto-reply" }).isChecked()).toBe(true);
    await shootLooks(page, "ai-settings", () => page.getByTestId("ai-settings").waitFor(), { fullPage: true });

    // (a) Auto mode: the question is answered from the FAQ, in Russian, and delivered through Telegram.
    await page.getByRole("navigation").getByRole("link", { name: "Inbox", exact: true }).click();
    await page.getByTestId("inbox-list-empty").waitFor();
    await post(tg.text(maria, "Здравствуйте! Сколько стоит доставка по Москве?"));
    await row(page, "Мария Ковалёва").click();
    await page
      .locator("[data-testid=message][data-direction=in]")
      .filter({ hasText: "Сколько стоит доставка по Москве?" })
      .waitFor();
    await expect
      .poll(() => sent(telegram), { timeout: 15_000 })
      .toContainEqual({ chat: String(maria.id), text: faq.ru.a });
    const answer = outBubble(page, faq.ru.a);
    await answer.waitFor();
    expect(await answer.innerText()).toMatch(/^AI\b/);
    await expect.poll(() => answer.getAttribute("data-status"), { timeout: 10_000 }).toBe("sent");
    // Beside the answer, why: sent, the matched FAQ entry and how sure the engine was.
    const why = answer.getByTestId("ai-reply-reason");
    expect(await why.getAttribute("data-decision")).toBe("answered");
    await why.getByText(`From the profile: FAQ — ${faq.ru.q}`).waitFor();
    expect(await why.innerText()).toMatch(/Offline engine · FAQ · confidence \d+%/);
    await shootLooks(page, "ai-inbox-reply-reason", () => why.waitFor());

    // A question the profile cannot answer: a polite hand-off to the client, the conversation flagged for a person.
    await post(tg.text(ivan, "Hi! Do you also repair old Soviet boilers?"));
    await expect
      .poll(() => sent(telegram), { timeout: 15_000 })
      .toContainEqual({ chat: String(ivan.id), text: handoffText });
    await row(page, "Ivan Petrov").getByTestId("needs-human-mark").waitFor();
    await row(page, "Ivan Petrov").click();
    await page.getByTestId("needs-human").waitFor();
    const withheld = outBubble(page, handoffText).getByTestId("ai-reply-reason");
    expect(await withheld.getAttribute("data-decision")).toBe("withheld");
    await withheld.getByText("not in the profile", { exact: false }).waitFor();
    await cleanShot(page, "ai-inbox-handoff");

    // The hand-off also rings the bell; opening the notice marks it read and goes to the conversation.
    const bell = page.getByTestId("notifications-bell").first();
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications, 1 unread");
    await bell.click();
    await page.getByTestId("notification").first().waitFor();
    await cleanShot(page, "ai-notifications");
    await page.getByTestId("notification").first().click();
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications");
    await page.getByTestId("needs-human").waitFor();
    await page.getByTestId("needs-human").getByRole("button", { name: "Resume AI" }).click();
    await page.getByTestId("needs-human").waitFor({ state: "detached" });
    await row(page, "Ivan Petrov").getByTestId("needs-human-mark").waitFor({ state: "detached" });

    // (b) Draft mode for this conversation: the answer waits in the composer, labelled, for the agent.
    await page.getByTestId("ai-mode-select").click();
    await page.getByRole("option", { name: /^Draft only/ }).click();
    await expect.poll(() => page.getByTestId("ai-mode-select").getAttribute("data-mode")).toBe("draft");
    expect(await page.getByTestId("ai-mode-select").innerText()).toBe("Draft");
    const sentBefore = sent(telegram).length;
    await post(tg.text(ivan, "OK. How much does delivery in Moscow cost?"));
    const draft = page.getByTestId("ai-draft");
    await draft.waitFor({ timeout: 15_000 });
    expect(await draft.getAttribute("data-state")).toBe("in-box");
    await draft.getByText("AI draft").waitFor();
    await expect.poll(() => page.getByTestId("composer").inputValue()).toBe(faq.en.a);
    // Nothing reached the client on its own.
    expect(sent(telegram).length).toBe(sentBefore);
    await shootLooks(page, "ai-inbox-draft", () => page.getByTestId("ai-draft").waitFor());

    const edited = `${faq.en.a} Shall I book the delivery for tomorrow morning?`;
    await page.getByTestId("composer").fill(edited);
    await page.getByTestId("composer").press("Enter");
    await expect
      .poll(() => sent(telegram), { timeout: 15_000 })
      .toContainEqual({ chat: String(ivan.id), text: edited });
    expect(sent(telegram).filter((m) => m.chat === String(ivan.id) && m.text === faq.en.a)).toEqual([]);
    await outBubble(page, "Shall I book the delivery for tomorrow morning?").waitFor();
    await draft.waitFor({ state: "detached" });
    expect(await page.getByTestId("composer").inputValue()).toBe("");
    await cleanShot(page, "ai-inbox-draft-sent");

    expect(errors).toEqual([]);
    await context.close();
  });
});

// The fake model's analyses, one per client, picked by a word only that client's dialog contains.
const ANALYSES: { marker: string; analysis: Record<string, unknown> }[] = [
  {
    marker: "клиник",
    analysis: {
      language: "ru",
      niche: "medicine",
      qualification: { q1: "Запись пациентов из мессенджеров", q2: "80 000 ₽ в месяц", q3: "Владелец", q4: "С марта" },
      isOwner: true,
      budgetMentioned: true,
      budget: "80 000 ₽ в месяц",
      budgetAmount: 80000,
      budgetCurrency: "RUB",
      isSpam: false,
      evidence: { funnelStage: null, niche: null, isOwner: null, budget: "80 000 ₽ в месяц", role: null, isSpam: null },
      role: "owner",
      funnelStage: "consultation_booked",
      summary: "Владелица стоматологической клиники хочет автоматизировать запись пациентов из мессенджеров.",
      nextBestAction: "Подтвердить консультацию в четверг и подготовить расчёт на 3 филиала.",
    },
  },
  {
    marker: "bakery",
    analysis: {
      language: "en",
      niche: "ecommerce",
      qualification: { q1: "Online orders for a bakery", q2: "$1,500", q3: "Owner", q4: null },
      isOwner: true,
      budgetMentioned: true,
      budget: "$1,500",
      budgetAmount: 1500,
      budgetCurrency: "USD",
      isSpam: false,
      evidence: { funnelStage: null, niche: null, isOwner: null, budget: "$1,500", role: null, isSpam: null },
      role: "owner",
      funnelStage: "qualified",
      summary: "A bakery owner wants online orders through WhatsApp and Telegram.",
      nextBestAction: "Offer a demo and ask about the launch date.",
    },
  },
  {
    marker: "таргет",
    analysis: {
      language: "ru",
      niche: "marketing",
      qualification: { q1: "Клиенты для своих заказчиков", q2: null, q3: null, q4: null },
      isOwner: false,
      budgetMentioned: false,
      budget: null,
      budgetAmount: null,
      budgetCurrency: null,
      isSpam: false,
      evidence: { funnelStage: null, niche: null, isOwner: null, budget: null, role: null, isSpam: null },
      role: "targetologist",
      funnelStage: "new_lead",
      summary: "Таргетолог ищет инструмент для своих клиентов, бюджета и сроков нет.",
      nextBestAction: "Отправить описание партнёрской программы.",
    },
  },
  {
    marker: "catalogue",
    analysis: {
      language: "en",
      niche: "other",
      qualification: { q1: "Just the catalogue", q2: null, q3: null, q4: null },
      isOwner: null,
      budgetMentioned: false,
      budget: null,
      budgetAmount: null,
      budgetCurrency: null,
      isSpam: false,
      evidence: { funnelStage: null, niche: null, isOwner: null, budget: null, role: null, isSpam: null },
      role: null,
      funnelStage: "not_qualified",
      summary: "Asked for the catalogue, nothing else yet.",
      nextBestAction: "Send the catalogue and ask what they sell.",
    },
  },
];

/**
 * Batch analysis from the Leads page against the fake OpenAI server (answering one dialog at a time, slowly, so
 * the progress is visible): dialogs come in through the Telegram webhook, "Analyse dialogs" shows its progress,
 * then the scored table, hottest first, with the drawer, filters, keys and CSV export.
 */
describe("Leads: batch analysis from the Leads page (fake OpenAI)", () => {
  let server: TestServer;
  let browser: Browser;
  let telegram: TelegramFake;
  let openai: Awaited<ReturnType<typeof startOpenAIFake>>;
  const stamp = Date.now().toString(36);
  const clients = [
    {
      who: { id: 6_620_001, first_name: "Анна", last_name: "Белова" },
      lines: [
        "Здравствуйте! У меня стоматологическая клиника, три филиала.",
        "Хотим запись пациентов из мессенджеров, бюджет 80 000 ₽ в месяц.",
        "Я владелица. Давайте консультацию в четверг.",
      ],
    },
    {
      who: { id: 6_620_002, first_name: "Boris", last_name: "Klein" },
      lines: [
        "Hi, I run a small bakery.",
        "We want online orders from WhatsApp and Telegram.",
        "Budget is about $1,500, I decide myself.",
      ],
    },
    {
      who: { id: 6_620_003, first_name: "Светлана", last_name: "Орлова" },
      lines: ["Добрый день, я таргетолог.", "Ищу инструмент для своих клиентов.", "Пока просто смотрю варианты."],
    },
    {
      who: { id: 6_620_004, first_name: "Dmitry", last_name: "Sokolov" },
      lines: ["Hello", "Can you send the catalogue?", "Thanks"],
    },
  ];

  beforeAll(async () => {
    telegram = await startTelegramFake({ botUsername: "northwind_leads_bot" });
    openai = await startOpenAIFake({ apiKey: "sk-e2e-leads" });
    let answered = 0;
    openai.setHandler(async (req: RecordedRequest) => {
      const body = req.json ?? {};
      if (!(body.response_format as { type?: string } | undefined)?.type) return undefined;
      // The dialog itself (the user message), not the system prompt, which names roles and questions.
      const text = JSON.stringify((body.messages as { role: string }[]).filter((m) => m.role === "user"));
      const hit = ANALYSES.find((a) => text.includes(a.marker));
      if (!hit) return undefined;
      // One after another, ~0.8 s apart, so "Analysed n of 4" can be seen moving.
      await new Promise((r) => setTimeout(r, 800 * ++answered));
      return { kind: "chat", content: hit.analysis };
    });
    server = await startServer({
      env: {
        TELEGRAM_API_ROOT: telegram.apiRoot,
        JOBS_RUNNER: "on",
        OPENAI_API_KEY: "sk-e2e-leads",
        OPENAI_BASE_URL: openai.url,
      },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await telegram?.close();
    await openai?.close();
  });

  it("shows progress, then the scored table with the analysis, filters and CSV export", async () => {
    const { context, page, errors } = await newUser(browser, server.url);
    await signUp(page, { name: "Lev Lead", email: `lev-leads-${stamp}@example.com`, org: "Southwind CRM" });
    const bot = await connectTelegram(page, telegram);
    for (const { who, lines } of clients)
      for (const line of lines)
        expect((await fetch(bot.webhookUrl, signedUpdate(bot.secret, tg.text(who, line)))).status).toBe(200);

    await page.getByRole("navigation").getByRole("link", { name: "Leads", exact: true }).click();
    await page.waitForURL(/\/leads$/);
    await page.getByRole("heading", { name: "No scored leads yet" }).waitFor();

    await page.getByTestId("analyze").click();
    const progress = page.getByTestId("analyze-progress");
    await progress.waitFor();
    await expect.poll(() => progress.innerText(), { timeout: 15_000 }).toMatch(/Analysed [1-3] of 4/);
    await cleanShot(page, "ai-leads-progress");
    await progress.waitFor({ state: "detached", timeout: 30_000 });
    await page.getByText(/Analysis done: 4 dialogs analysed, 1 hot/).waitFor();

    // Hottest first: seed 004's points (stage base + modifiers, clamped), computed in code.
    const rows = page.getByTestId("lead-row");
    await expect.poll(() => rows.count()).toBe(4);
    expect(await rows.getByTestId("lead-score").allInnerTexts()).toEqual(["75", "50", "15", "0"]);
    expect(
      await rows.getByTestId("interest-chip").evaluateAll((els) => els.map((e) => e.getAttribute("data-level"))),
    ).toEqual(["hot", "warm", "cold", "cold"]);
    expect(await rows.first().innerText()).toContain("Анна Белова");
    expect(await page.getByTestId("offline-badge").count()).toBe(0);
    expect(await page.getByTestId("stat-hot").innerText()).toContain("1");
    expect(await page.getByTestId("stat-average").innerText()).toBe("35");

    // The drawer: summary, next step, the four answers against the questions, how the score adds up, the dialog.
    await rows.first().click();
    const drawer = page.getByTestId("lead-drawer");
    await drawer.getByTestId("drawer-score").getByText("75").waitFor();
    await drawer.getByText("Подтвердить консультацию в четверг").waitFor();
    expect(await drawer.getByTestId("qualification").innerText()).toContain("What is the budget?");
    // Answers are editable fields (a person may correct them), so the budget answer is the field's value.
    expect(await drawer.getByTestId("edit-q2").inputValue()).toContain("80 000 ₽ в месяц");
    const reasons = await drawer.getByTestId("score-reasons").innerText();
    expect(reasons).toMatch(/Consultation booked\s*\+40/);
    expect(reasons).toMatch(/Niche: medicine\s*\+15/);
    await drawer.getByTestId("lead-transcript").getByText("Я владелица. Давайте консультацию в четверг.").waitFor();
    const closeDrawer = async () => {
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "detached" });
    };
    await shootLooks(
      page,
      "ai-leads-drawer",
      async () => {
        if (!(await drawer.isVisible())) await rows.first().click();
        await drawer.getByTestId("lead-transcript").waitFor();
      },
      { close: closeDrawer },
    );
    await closeDrawer();
    await shootLooks(page, "ai-leads", () => rows.first().waitFor());

    // Keys: j/k move, Enter opens, / filters by name.
    for (let i = 0; i < 4; i++) await page.keyboard.press("k");
    await page.keyboard.press("j");
    await page.keyboard.press("Enter");
    await drawer.getByTestId("drawer-title").getByText("Boris Klein").waitFor();
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "detached" });
    await page.keyboard.press("/");
    await page.keyboard.type("Светл");
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByRole("searchbox").fill("");

    // ? lists these keys too.
    await page.getByRole("searchbox").blur();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog");
    await help.getByText("On the Leads page").waitFor();
    await help.getByText("Open the lead").waitFor();
    await cleanShot(page, "ai-leads-shortcuts");
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "detached" });

    // Filters reach the server; the CSV export carries the same filters.
    await page.getByTestId("filter-interest").click();
    await page.getByRole("option", { name: "Cold" }).click();
    await expect.poll(() => rows.count()).toBe(2);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    expect(download.url()).toContain("interestLevel=cold");
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv).toContain("Dmitry Sokolov");
    expect(csv).not.toContain("Анна Белова");

    // The inbox's contact panel shows the lead and links back to its analysis.
    await page.goto("/inbox");
    await row(page, "Анна Белова").click();
    const lead = page.getByTestId("contact-lead");
    await lead.getByText("75").waitFor();
    await lead.getByTestId("interest-chip").getByText("Hot").waitFor();
    await lead.click();
    await page.waitForURL(/\/leads\?lead=/);
    await drawer.getByTestId("drawer-title").getByText("Анна Белова").waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});
