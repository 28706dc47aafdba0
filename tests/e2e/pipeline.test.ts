import { readFile } from "node:fs/promises";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAIFake, type OpenAIFake, type RecordedRequest } from "../fakes/openai";
import { signedUpdate, startTelegramFake, type TelegramFake } from "../fakes/telegram";
import { cleanShot, connectTelegram, setLook, shootLooks, signUp } from "./ai-setup";
import { headerOverflow, launchBrowser, newUser, screenshot } from "./browser";
import { startServer, type TestServer } from "./server";
import * as tg from "./telegram-updates";

/**
 * The Kanban board in a real browser against the production build: an owner adds deals, drags one to the
 * next column with the mouse and another with the keyboard; the server stores each move (one row, a history
 * row), and a second browser signed in as the same team sees the card move without reloading.
 */
describe("pipeline board: drag a deal", () => {
  let server: TestServer;
  let browser: Browser;
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const column = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
  const card = (page: Page | Locator, title: string) => page.getByTestId("deal-card").filter({ hasText: title });

  it("moves cards by mouse and keyboard, and another browser follows live", async () => {
    const { context, page, errors } = await newUser(browser, server.url);
    await signUp(page, { name: "Pavel Pipeline", email: `pavel-${stamp}@example.com`, org: "Kanban Co" });
    await page.goto("/pipeline");
    await page.getByRole("heading", { name: "No deals yet" }).waitFor();
    expect(await page.getByTestId("board-column").count()).toBe(6);
    await screenshot(page, "pipeline-empty");

    for (const [title, amount] of [
      ["Website redesign", "120000"],
      ["CRM rollout", "45000"],
    ]) {
      await page.getByTestId("new-deal-title").fill(title);
      await page.getByLabel("Amount").fill(amount);
      await page.getByTestId("new-deal").click();
      await card(page, title).waitFor();
    }
    const lead = column(page, "New lead");
    await expect.poll(() => lead.getByTestId("column-count").innerText()).toBe("2");

    // A second browser: the same team on another machine.
    const other = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
    await other.addCookies(await context.cookies());
    const second = await other.newPage();
    await second.goto("/pipeline");
    await card(second, "Website redesign").waitFor();

    // Mouse: drag "Website redesign" onto the empty "Qualified" column.
    const from = await card(page, "Website redesign").boundingBox();
    const to = await column(page, "Qualified").boundingBox();
    await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
    await page.mouse.down();
    await page.mouse.move(from!.x + from!.width / 2 + 20, from!.y + from!.height / 2, { steps: 5 });
    await page.mouse.move(to!.x + to!.width / 2, to!.y + 120, { steps: 15 });
    await page.mouse.up();
    await card(column(page, "Qualified"), "Website redesign").waitFor();
    // Stored by the server, and seen by the other browser within a few seconds, without a reload.
    await card(column(second, "Qualified"), "Website redesign").waitFor({ timeout: 5_000 });
    const stored = await page.request.get("/api/crm/deals?q=Website");
    const [deal] = ((await stored.json()) as { deals: { id: string; stageId: string }[] }).deals;
    const detail = (await (await page.request.get(`/api/crm/deals/${deal.id}`)).json()) as {
      history: { toStageId: string }[];
    };
    expect(detail.history).toHaveLength(2);
    expect(detail.history[0].toStageId).toBe(deal.stageId);

    // Keyboard: focus "CRM rollout", Space to lift, → to the next column, Space to drop.
    await card(page, "CRM rollout").focus();
    await page.keyboard.press("Space");
    await page.waitForTimeout(200);
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(300);
    await page.keyboard.press("Space");
    await card(column(page, "Qualified"), "CRM rollout").waitFor();
    await card(column(second, "Qualified"), "CRM rollout").waitFor({ timeout: 5_000 });
    await expect.poll(() => column(page, "Qualified").getByTestId("column-count").innerText()).toBe("2");
    await page.reload();
    await card(column(page, "Qualified"), "CRM rollout").waitFor();
    await screenshot(page, "pipeline-board");
    expect(errors).toEqual([]);
    await other.close();
    await context.close();
  });

  it("shows a Russian team its board in Russian (dark theme)", async () => {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1280, height: 800 },
      locale: "ru-RU",
      colorScheme: "dark",
    });
    const page = await context.newPage();
    await page.goto("/sign-up");
    await page.locator("#name").fill("Ольга");
    await page.locator("#email").fill(`olga-${stamp}@example.com`);
    await page.locator("#password").fill("correct horse 1");
    await page.locator("#organizationName").fill("Ромашка");
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(/\/inbox$/);
    await page.goto("/pipeline");
    for (const name of ["Новый лид", "Квалифицирован", "Записан на консультацию", "Консультация проведена"]) {
      await column(page, name).waitFor();
    }
    await page.getByTestId("new-deal-title").fill("Ремонт офиса");
    await page.getByLabel("Сумма").fill("250000");
    await page.getByTestId("new-deal").click();
    await card(column(page, "Новый лид"), "Ремонт офиса").waitFor();
    await screenshot(page, "pipeline-board-ru-dark");
    await context.close();
  });
});

// What the fake model answers for the clinic's dialog: a qualified owner who booked a consultation (hot).
const CLINIC_ANALYSIS = {
  language: "ru",
  niche: "medicine",
  qualification: { q1: "Запись пациентов из мессенджеров", q2: "80 000 ₽ в месяц", q3: "Владелец", q4: "С марта" },
  isOwner: true,
  budgetMentioned: true,
  budget: "80 000 ₽ в месяц",
  budgetAmount: 80000,
  budgetCurrency: "RUB",
  isSpam: false,
  evidence: {
    funnelStage: "давайте в четверг в 15:00",
    niche: null,
    isOwner: null,
    budget: null,
    role: null,
    isSpam: null,
  },
  role: "owner",
  funnelStage: "consultation_booked",
  summary: "Владелица клиники хочет автоматизировать запись пациентов.",
  nextBestAction: "Подтвердить консультацию в четверг.",
};

/**
 * The pipeline's working parts in a browser: a hot lead from an analysed Telegram dialog becomes a card on
 * the board (the pipeline asks for it in its settings), the card opens its drawer with the conversation, a
 * move to Lost asks for a reason, filters and the list view show the same deals (its CSV and background
 * exports are the API's bytes for the searched, sorted list), and "Create deal" works from
 * the inbox's contact panel. Screenshots of board, drawer and list in EN/RU, light/dark, desktop and phone.
 */
describe("pipeline: deals from dialogs, drawer, lost reason, filters, list", () => {
  let server: TestServer;
  let browser: Browser;
  let telegram: TelegramFake;
  let openai: OpenAIFake;
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    telegram = await startTelegramFake({ botUsername: "pipeline_leads_bot" });
    openai = await startOpenAIFake({ apiKey: "sk-e2e-pipeline" });
    openai.setHandler((req: RecordedRequest) => {
      const body = req.json ?? {};
      if (!(body.response_format as { type?: string } | undefined)?.type) return undefined;
      const text = JSON.stringify((body.messages as { role: string }[]).filter((m) => m.role === "user"));
      return text.includes("клиник") ? { kind: "chat", content: CLINIC_ANALYSIS } : undefined;
    });
    server = await startServer({
      env: {
        TELEGRAM_API_ROOT: telegram.apiRoot,
        JOBS_RUNNER: "on",
        OPENAI_API_KEY: "sk-e2e-pipeline",
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

  const column = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
  const card = (page: Page | Locator, title: string) => page.getByTestId("deal-card").filter({ hasText: title });

  it("makes a card of a hot lead, opens it, asks why it is lost, filters, lists, and creates deals from the inbox", async () => {
    const { context, page, errors } = await newUser(browser, server.url);
    await signUp(page, { name: "Pia Pipeline", email: `pia-${stamp}@example.com`, org: "Clinic Leads" });
    const bot = await connectTelegram(page, telegram);
    const anna = { id: 7_710_001, first_name: "Анна", last_name: "Клиникова" };
    for (const line of [
      "Здравствуйте, у нас сеть клиник",
      "Бюджет 80 000 ₽ в месяц, я владелица",
      "давайте в четверг в 15:00",
    ])
      expect((await fetch(bot.webhookUrl, signedUpdate(bot.secret, tg.text(anna, line)))).status).toBe(200);

    // The pipeline asks for deals from qualified leads.
    await page.goto("/pipeline");
    await page.getByRole("heading", { name: "No deals yet" }).waitFor();
    await page.getByTestId("pipeline-settings-open").click();
    const settings = page.getByTestId("pipeline-settings");
    await settings.getByTestId("auto-create").check();
    await expect.poll(() => settings.getByTestId("auto-create").isChecked()).toBe(true);
    await cleanShot(page, "pipeline-settings");
    await page.keyboard.press("Escape");

    // The dialog analysis finds a hot lead: its deal appears in "Consultation booked", live.
    const me = (await (await page.request.get("/api/me")).json()) as { organization: { id: string } };
    const analysed = await page.request.post("/api/dialogs/analyze", {
      data: { userAccountId: me.organization.id, minIncoming: 1, wait: true },
    });
    expect(analysed.status(), await analysed.text()).toBeLessThan(300);
    const booked = column(page, "Consultation booked");
    const hot = booked.getByTestId("deal-card").first();
    await hot.waitFor({ timeout: 20_000 });
    await expect.poll(() => hot.getByTestId("interest-chip").getAttribute("data-level")).toBe("hot");
    const title = (await hot.getByTestId("deal-open").innerText()).trim();

    // A few more cards for the filters and the pictures.
    for (const [t, amount] of [
      ["Website redesign", "120000"],
      ["CRM rollout", "45000"],
    ]) {
      await page.getByTestId("new-deal-title").fill(t);
      await page.getByLabel("Amount").fill(amount);
      await page.getByTestId("new-deal").click();
      await card(page, t).waitFor();
    }
    await page.getByTestId("filter-interest").selectOption("hot");
    await expect.poll(() => page.getByTestId("deal-card").count()).toBe(1);
    await page.getByTestId("filter-interest").selectOption("");
    await page.getByTestId("deal-search").fill("redesign");
    await expect.poll(() => page.getByTestId("deal-card").count()).toBe(1);
    await card(page, "Website redesign").waitFor();
    await page.getByTestId("deal-search").fill("");
    await expect.poll(() => page.getByTestId("deal-card").count()).toBe(3);
    await shootLooks(page, "pipeline-board-filled", async () => {
      await card(page, title).waitFor();
    });

    // The drawer, linked by ?deal=: fields, history and the client's conversation with the composer.
    await hot.getByTestId("deal-open").click();
    await page.waitForURL(/deal=/);
    const drawer = page.getByTestId("deal-drawer");
    await drawer.getByTestId("deal-conversation").getByText("давайте в четверг в 15:00").waitFor();
    await drawer
      .getByTestId("deal-history")
      .getByText(/Created in Consultation booked/)
      .waitFor();
    // The account menu is behind the drawer: closed for each switch of look, opened again for its picture.
    await shootLooks(
      page,
      "pipeline-drawer",
      async () => {
        if (!(await drawer.isVisible())) await hot.getByTestId("deal-open").click();
        await drawer.getByTestId("deal-history").waitFor();
      },
      {
        close: async () => {
          if (!(await drawer.isVisible())) return;
          await page.keyboard.press("Escape");
          await drawer.waitFor({ state: "detached" });
        },
      },
    );

    // Lost asks for a reason from the organisation's list.
    await drawer.getByTestId("drawer-stage").selectOption({ label: "Lost" });
    const ask = page.getByTestId("lost-reason-dialog");
    await ask.waitFor();
    await cleanShot(page, "pipeline-lost-reason");
    await ask.getByText("Too expensive").click();
    await ask.getByTestId("lost-reason-confirm").click();
    await drawer.getByTestId("drawer-lost-reason").getByText("Too expensive").waitFor();
    await page.keyboard.press("Escape");
    await card(column(page, "Lost"), title).waitFor();

    // The list view: the same deals, sortable.
    await page.getByTestId("view-list").click();
    await expect.poll(() => page.getByTestId("deal-row").count()).toBe(3);
    await page.getByRole("button", { name: "Amount" }).click();
    await expect.poll(() => page.getByTestId("deal-row").first().innerText()).toMatch(/Website redesign/);
    await shootLooks(page, "pipeline-list", async () => {
      await page.getByTestId("deal-row").first().waitFor();
    });

    // The list's exports: the rows the list shows (searched, sorted by amount), the API's bytes for that query.
    await page.getByTestId("deal-search").fill("t");
    await expect.poll(() => page.getByTestId("deal-row").count()).toBe(2);
    const [pipeline] = (await (await page.request.get("/api/pipeline")).json()) as { id: string }[];
    const api = await page.request.get(
      `/api/crm/deals/export?pipelineId=${pipeline.id}&q=t&sort=amount&order=desc&delimiter=,`,
    );
    expect(api.status()).toBe(200);
    const expected = Buffer.from(await api.body());
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("deals-export").click()]);
    const bytes = await readFile((await download.path())!);
    expect(bytes.equals(expected)).toBe(true);
    const lines = bytes.toString("utf8").trim().split(/\r?\n/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // (trim() takes the BOM off too.)
    expect(lines[0]).toMatch(/^id,title,pipeline,stage,amount/);
    expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(["Website redesign", "CRM rollout"]);
    expect(bytes.toString("utf8")).not.toContain(title);
    // The same query in the background: once its link replaces the button, the same bytes.
    await page.getByRole("button", { name: "Export in background" }).click();
    const ready = page.getByTestId("background-export-download");
    await ready.getByText("Download CSV (2 rows)").waitFor({ timeout: 30_000 });
    const [later] = await Promise.all([page.waitForEvent("download"), ready.click()]);
    expect((await readFile((await later.path())!)).equals(expected)).toBe(true);
    // The header with its exports at 1440 and 390 px, EN and RU: on a phone the buttons wrap inside the page.
    let look = { theme: "light", locale: "en" } as Parameters<typeof setLook>[2];
    for (const locale of ["en", "ru"] as const) {
      await page.setViewportSize({ width: 1440, height: 900 });
      await setLook(page, look, { theme: "light", locale });
      look = { theme: "light", locale };
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
        await page.getByTestId("deals-export").waitFor();
        await page.getByTestId("deal-row").first().waitFor();
        expect(await headerOverflow(page)).toEqual([]);
        await cleanShot(page, `pipeline-list-exports-${locale}-${width}`);
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await setLook(page, look, { theme: "light", locale: "en" });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Phone: board and drawer at 390 px.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("view-board").click();
    await card(page, "CRM rollout").waitFor();
    await cleanShot(page, "pipeline-board-phone");
    await card(page, "CRM rollout").getByTestId("deal-open").click();
    await page.getByTestId("deal-drawer").getByTestId("deal-history").waitFor();
    await cleanShot(page, "pipeline-drawer-phone");
    await page.keyboard.press("Escape");
    await page.setViewportSize({ width: 1280, height: 800 });

    // "Create deal" from the inbox's contact panel.
    await page.goto("/inbox");
    await page.getByText("давайте в четверг в 15:00").first().click();
    const panel = page.getByTestId("contact-panel");
    await panel.getByTestId("contact-create-deal").click();
    const dialog = page.getByTestId("create-deal-dialog");
    await dialog.getByTestId("create-deal-title").fill("Second clinic branch");
    await dialog.getByTestId("create-deal-amount").fill("30000");
    await cleanShot(page, "pipeline-create-from-inbox");
    await dialog.getByTestId("create-deal-submit").click();
    await panel.getByTestId("contact-deals").getByText("Second clinic branch").waitFor();
    await page.goto("/pipeline");
    await card(column(page, "New lead"), "Second clinic branch").waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
