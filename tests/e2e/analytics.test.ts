import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramFake, type TelegramFake } from "../fakes/telegram";
import { cleanShot, connectTelegram, signUp } from "./ai-setup";
import { headerOverflow, launchBrowser, newUser } from "./browser";
import { startServer, type TestServer } from "./server";
import * as tg from "./telegram-updates";

/**
 * The analytics dashboard against the production build, on data seeded the way it arrives: clients write to
 * a Telegram bot (messages dated over the last days), an agent answers from the inbox, deals are made. The
 * widgets load their own reports; a chart's table and its CSV show the same rows; a period change refetches.
 */
describe("analytics dashboard", () => {
  let server: TestServer;
  let browser: Browser;
  let telegram: TelegramFake;
  const stamp = Date.now().toString(36);
  const DAY = 86_400;

  beforeAll(async () => {
    telegram = await startTelegramFake({ botUsername: "analytics_e2e_bot" });
    server = await startServer({ env: { TELEGRAM_API_ROOT: telegram.apiRoot, JOBS_RUNNER: "on" } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await telegram?.close();
  });

  it("shows the period's numbers, a chart's table and its CSV, in EN and RU, light and dark", async () => {
    const { context, page, errors } = await newUser(browser, server.url);
    await signUp(page, { name: "Olga Owner", email: `olga-analytics-${stamp}@example.com`, org: "Numbers Ltd" });
    const bot = await connectTelegram(page, telegram);
    const now = Math.floor(Date.now() / 1000);
    const clients = [
      { id: 7_710_001, first_name: "Анна" },
      { id: 7_710_002, first_name: "Борис" },
      { id: 7_710_003, first_name: "Chris" },
    ];
    // Six client messages: two today, the rest 2–5 days ago.
    const said: [number, string, number][] = [
      [0, "Сколько стоит доставка?", 0],
      [1, "Какая цена?", 0],
      [2, "How much is it?", 2 * DAY],
      [0, "Где вы находитесь?", 3 * DAY],
      [1, "Сколько стоит установка?", 4 * DAY],
      [2, "Do you deliver on weekends?", 5 * DAY],
    ];
    for (const [who, text, ago] of said.slice().reverse()) {
      const update = tg.text(clients[who], text) as { message: { date: number } };
      update.message.date = now - ago;
      const res = await fetch(bot.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": bot.secret },
        body: JSON.stringify(update),
      });
      expect(res.status).toBe(200);
    }
    const inbox = (await (await page.request.get("/api/messaging/inbox")).json()) as {
      items: { id: string; contact: { id: string } }[];
    };
    expect(inbox.items).toHaveLength(3);
    for (const item of inbox.items.slice(0, 2)) {
      const sent = await page.request.post("/api/messaging/send", {
        data: { conversationId: item.id, text: "Здравствуйте! Сейчас посчитаю." },
      });
      expect(sent.status()).toBeLessThan(300);
      const deal = await page.request.post("/api/crm/deals", {
        data: { title: `Сделка ${item.contact.id.slice(0, 4)}`, contactId: item.contact.id, amount: 125000 },
      });
      expect(deal.status()).toBe(201);
    }

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/analytics");
    const messages = page.getByTestId("widget-messages");
    await expect.poll(() => messages.getByTestId("kpi-inbound").locator("dd").first().innerText()).toBe("6");
    expect(await messages.getByTestId("kpi-outbound").locator("dd").first().innerText()).toBe("2");
    // Telephony is not connected: its widget says so instead of drawing an empty chart.
    await page.getByTestId("widget-calls").getByTestId("widget-empty").waitFor();
    await page
      .getByTestId("widget-pipeline")
      .getByText(/250[\s ,.]?000/)
      .first()
      .waitFor();

    // The chart's table, and the CSV of exactly that table.
    await messages.getByTestId("toggle-table").click();
    const rows = messages.getByTestId("chart-table").locator("tbody tr");
    // One row per day with messages (today, 2, 3, 4 and 5 days ago), all on Telegram.
    await expect.poll(() => rows.count()).toBe(5);
    const href = (await messages.getByTestId("csv").getAttribute("href"))!;
    expect(href).toContain("report=messages");
    expect(href).toContain("table=series");
    const csv = await page.request.get(href);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("bucket,platform,inbound,outbound");
    expect(lines).toHaveLength(1 + 5);
    const sums = lines.slice(1).reduce((t, l) => t + Number(l.split(",")[2]), 0);
    expect(sums).toBe(6);
    await cleanShot(page, "analytics-table-en-light-1440");
    await messages.getByTestId("toggle-table").click();
    // A report's tables that no chart draws are in the menu beside its CSV: the pipeline's by stage, per
    // member… each the report's table under the same filters.
    const pipelineWidget = page.getByTestId("widget-pipeline");
    await pipelineWidget.getByTestId("csv-more").click();
    const lostLink = page.getByRole("menuitem", { name: "Lost reasons" });
    const lostHref = (await lostLink.getAttribute("href"))!;
    expect(lostHref).toContain("report=pipeline-value");
    expect(lostHref).toContain("table=lostReasons");
    const lost = await page.request.get(lostHref);
    expect(lost.status()).toBe(200);
    expect((await lost.text()).replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("reason,currency,deals,value");
    expect(await page.getByRole("menuitem").count()).toBe(4);
    await cleanShot(page, "analytics-more-tables-en-light-1440");
    await page.keyboard.press("Escape");

    // Today only: the two messages of today.
    await page.getByTestId("period").selectOption("today");
    await expect.poll(() => messages.getByTestId("kpi-inbound").locator("dd").first().innerText()).toBe("2");
    await page.getByTestId("period").selectOption("30");
    await expect.poll(() => messages.getByTestId("kpi-inbound").locator("dd").first().innerText()).toBe("6");

    // Every conversation of the period with its messages (no widget's table): from the page's header, the
    // API's bytes for the same period, a row per message; in the background, the same file.
    const api = await page.request.get("/api/analytics/export?period=30&report=conversations&sep=,");
    expect(api.status()).toBe(200);
    const expected = Buffer.from(await api.body());
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("conversations-export").click(),
    ]);
    const bytes = await readFile((await download.path())!);
    expect(bytes.equals(expected)).toBe(true);
    const messageRows = bytes.toString("utf8").trim().split("\r\n");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(messageRows[0]).toMatch(/^conversation_id,channel,platform,contact/);
    expect(messageRows).toHaveLength(1 + 6 + 2);
    await page.getByRole("button", { name: "Export in background" }).click();
    const ready = page.getByTestId("background-export-download");
    await ready.getByText("Download CSV (8 rows)").waitFor({ timeout: 30_000 });
    const [later] = await Promise.all([page.waitForEvent("download"), ready.click()]);
    expect((await readFile((await later.path())!)).equals(expected)).toBe(true);

    // EN/RU × light/dark × desktop/phone, set as the app keeps them (cookies).
    for (const locale of ["en", "ru"] as const) {
      for (const theme of ["light", "dark"] as const) {
        await context.addCookies([
          { name: "NEXT_LOCALE", value: locale, url: server.url },
          { name: "relay-theme", value: theme, url: server.url },
        ]);
        await page.emulateMedia({ colorScheme: theme });
        for (const width of [1440, 390]) {
          await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
          await page.goto("/analytics");
          await page.getByRole("heading", { level: 1, name: locale === "ru" ? "Аналитика" : "Analytics" }).waitFor();
          await expect.poll(() => messages.getByTestId("kpi-inbound").locator("dd").first().innerText()).toBe("6");
          await page.getByTestId("widget-questions").getByTestId("toggle-table").waitFor();
          await page
            .getByTestId("widget-calls")
            .getByText(locale === "ru" ? "Нет данных за этот период" : "No data for this period")
            .waitFor();
          expect(await headerOverflow(page)).toEqual([]);
          await cleanShot(page, `analytics-${locale}-${theme}-${width}`, true);
        }
      }
    }
    // RU CSV: the separator follows the language (Excel in Russian reads `;`).
    const ruHref = (await messages.getByTestId("csv").getAttribute("href"))!;
    expect(ruHref).toContain("sep=%3B");
    expect(errors).toEqual([]);
  }, 300_000);
});
