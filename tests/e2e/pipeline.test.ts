import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp } from "./ai-setup";
import { launchBrowser, newUser, screenshot } from "./browser";
import { startServer, type TestServer } from "./server";

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
