import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedUpdate, startTelegramFake, type TelegramFake } from "../fakes/telegram";
import { launchBrowser, newUser, screenshot } from "./browser";
import { startServer, type TestServer } from "./server";
import * as tg from "./telegram-updates";

/**
 * A working day in the inbox, in a real browser against the production build: two members of one team, a
 * Telegram bot (the local fake) and clients writing in. Canned responses with "/", a private note whose
 * @mention reaches the colleague's bell, labels and the label filter, a search that opens at the matching
 * message, and "e" moving on to the next conversation; with screenshots in both languages and themes.
 */
describe("inbox: working the inbox all day", () => {
  let server: TestServer;
  let browser: Browser;
  let telegram: TelegramFake;
  const stamp = Date.now().toString(36);
  const secret = `wd-secret-${stamp}`;
  const owner = { name: "Olga Owner", email: `olga-wd-${stamp}@example.com`, password: "correct horse 1" };
  const agent = { name: "Anton Agent", email: `anton-wd-${stamp}@example.com`, password: "correct horse 2" };
  const maria = { id: 6_660_001, first_name: "Мария", last_name: "Ковалёва" };
  const ivan = { id: 6_660_002, first_name: "Ivan", last_name: "Petrov" };
  const lumen = { id: 6_660_003, first_name: "Studio", last_name: "Lumen" };
  let webhookUrl = "";

  beforeAll(async () => {
    telegram = await startTelegramFake({ botUsername: "workday_bot" });
    server = await startServer({ env: { TELEGRAM_API_ROOT: telegram.apiRoot, JOBS_RUNNER: "on" } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await telegram?.close();
  });

  const row = (page: Page, name: string): Locator => page.getByTestId("conversation-row").filter({ hasText: name });
  const post = async (update: Parameters<typeof signedUpdate>[1]) =>
    expect((await fetch(webhookUrl, signedUpdate(secret, update))).status).toBe(200);
  /** Signs up through the API; the context keeps the session cookies, as a browser would. */
  const signUp = async (context: BrowserContext, body: Record<string, string>) => {
    const res = await context.request.post("/api/auth/signup", { data: body });
    expect(res.status(), await res.text()).toBe(201);
  };
  const shot = async (page: Page, name: string) => {
    await page
      .locator("[data-sonner-toast]")
      .first()
      .waitFor({ state: "detached", timeout: 6_000 })
      .catch(() => undefined);
    await screenshot(page, name);
  };

  it("canned responses, a note that mentions a colleague, labels, search to a message, resolve to the next", async () => {
    const { context, page, errors } = await newUser(browser, server.url);
    await signUp(context, { ...owner, organizationName: "Northwind Sales" });
    const invite = await context.request.post("/api/team/invitations", { data: { email: agent.email, role: "agent" } });
    const { url: inviteUrl } = (await invite.json()) as { url: string };
    const colleague = await newUser(browser, server.url);
    await signUp(colleague.context, { ...agent, invitationToken: new URL(inviteUrl).pathname.split("/").pop()! });

    const channel = await context.request.post("/api/channels", {
      data: { type: "telegram", name: "Sales bot", secrets: { botToken: telegram.token, webhookSecret: secret } },
    });
    expect(channel.status(), await channel.text()).toBe(201);
    webhookUrl = `${server.url}/api/webhooks/telegram/${((await channel.json()) as { id: string }).id}`;

    // A long thread with one early message worth finding, then two more clients.
    await post(tg.text(maria, "Здравствуйте! Нужен кондиционер в спальню, 20 метров"));
    for (let i = 1; i <= 44; i++) await post(tg.text(maria, `Уточнение номер ${i}`));
    await post(tg.text(ivan, "Hi! Can you send the invoice today?"));
    await post(tg.text(lumen, "We need 40 units by Friday"));

    await page.goto("/inbox");
    await row(page, "Studio Lumen").waitFor();
    // Three conversations wait unread: in the tab's title and beside Inbox.
    await expect.poll(() => page.title()).toMatch(/^\(3\) /);
    expect(await page.getByTestId("nav-unread").first().innerText()).toBe("3");

    // Canned response: "/" opens the picker; saved from it, then inserted with the client's and agent's names.
    await row(page, "Мария Ковалёва").click();
    await page.getByTestId("thread").getByText("Уточнение номер 44").waitFor();
    const composer = page.getByTestId("composer");
    await composer.fill("/");
    await page.getByTestId("canned-picker").getByText("Save a new canned response").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Shortcut", { exact: true }).fill("hello");
    await dialog.getByLabel("Name", { exact: true }).fill("Greeting");
    await dialog
      .getByLabel("Text", { exact: true })
      .fill("Здравствуйте, {{client_name}}! Меня зовут {{agent_name}}, чем помочь?");
    await dialog.getByLabel("Share with the whole organisation").check();
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => composer.inputValue()).toBe("/hello");
    await page.getByTestId("canned-picker").getByText("/hello").waitFor();
    await shot(page, "workday-canned-picker-1440-en-light");
    await composer.press("Enter");
    const greeting = "Здравствуйте, Мария Ковалёва! Меня зовут Olga Owner, чем помочь?";
    expect(await composer.inputValue()).toBe(greeting);
    await composer.press("Enter");
    await expect
      .poll(() => telegram.callsTo("sendMessage").map((c) => c.params.text), { timeout: 10_000 })
      .toContain(greeting);

    // The colleague opens the same conversation and sees "Olga Owner is typing a reply".
    const other = colleague.page;
    await other.goto(page.url());
    await other.getByTestId("thread").getByText(greeting).waitFor();
    await composer.pressSequentially("Сейчас", { delay: 30 });
    await other.getByTestId("typing-indicator").getByText("Olga Owner is typing a reply…").waitFor();
    await composer.fill("");

    // A private note with an @mention: in the thread, never sent, and in the colleague's bell.
    const sentBefore = telegram.callsTo("sendMessage").length;
    await page.getByTestId("mode-note").click();
    await composer.pressSequentially("@Ant");
    await page.getByTestId("mention-picker").getByText("Anton Agent").waitFor();
    await composer.press("Enter");
    await composer.pressSequentially("перезвони клиенту завтра, он оптовик");
    await composer.press("Enter");
    const note = page.getByTestId("note").filter({ hasText: "перезвони клиенту завтра" });
    await note.waitFor();
    expect(await note.innerText()).toContain("@Anton Agent");
    await other.getByTestId("note").filter({ hasText: "перезвони клиенту завтра" }).waitFor();
    // (The assistant may have notified the team too; the mention is the colleague's own.)
    await other
      .getByRole("button", { name: /^Notifications, \d+ unread/ })
      .first()
      .waitFor();
    await other.getByTestId("notifications-bell").first().click();
    await other.getByTestId("notification").filter({ hasText: "Mentioned by Olga Owner" }).waitFor();
    await other.keyboard.press("Escape");
    expect(telegram.callsTo("sendMessage").length).toBe(sentBefore);

    // A label, made from the thread header, on the row, and as the list's filter.
    await page.getByTestId("label-menu").click();
    await page.getByRole("menuitem", { name: "New label…" }).click();
    await dialog.getByLabel("Name", { exact: true }).fill("VIP");
    await dialog.getByRole("radio", { name: "Amber" }).click();
    await dialog.getByRole("button", { name: "Create label" }).click();
    await row(page, "Мария Ковалёва").getByTestId("label-chip").filter({ hasText: "VIP" }).waitFor();
    await page.getByTestId("label-filter").click();
    await page.getByRole("option", { name: "VIP" }).click();
    await expect.poll(() => page.getByTestId("conversation-row").count(), { timeout: 15_000 }).toBe(1);
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, "workday-inbox-1440-en-light");
    await page.getByTestId("label-filter").click();
    await page.getByRole("option", { name: "Any label" }).click();
    await expect.poll(() => page.getByTestId("conversation-row").count(), { timeout: 15_000 }).toBe(3);

    // Search finds the early message; opening the result scrolls to it and marks it.
    await row(page, "Ivan Petrov").click();
    await page.getByRole("searchbox").fill("кондиционер");
    await expect.poll(() => page.getByTestId("conversation-row").count(), { timeout: 15_000 }).toBe(1);
    await row(page, "Мария Ковалёва").getByText("Нужен кондиционер в спальню").waitFor();
    await row(page, "Мария Ковалёва").click();
    await page.waitForURL(/[?&]m=[0-9a-f-]{36}/);
    const found = page.locator("[data-testid=message][data-highlight]").filter({ hasText: "Нужен кондиционер" });
    await found.waitFor();
    expect(await found.isVisible()).toBe(true);
    const inView = await found.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const log = el.closest("[role=log]")!.getBoundingClientRect();
      return box.top >= log.top && box.bottom <= log.bottom;
    });
    expect(inView).toBe(true);
    await page.getByRole("searchbox").fill("");
    await expect.poll(() => page.getByTestId("conversation-row").count(), { timeout: 15_000 }).toBe(3);

    // "e" resolves and moves on to the next conversation in the list.
    await row(page, "Studio Lumen").click();
    await expect.poll(() => page.getByTestId("thread-title").innerText()).toBe("Studio Lumen");
    const order = await page
      .getByTestId("conversation-row")
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.conversationId));
    const at = order.indexOf(new URL(page.url()).searchParams.get("c")!);
    const expected = order[at + 1] ?? order[at - 1];
    await page.keyboard.press("e");
    await row(page, "Studio Lumen").waitFor({ state: "detached" });
    await expect.poll(() => new URL(page.url()).searchParams.get("c")).toBe(expected);

    // Screenshots: phone and desktop, English and Russian, light and dark.
    await row(page, "Мария Ковалёва").click();
    await note.waitFor();
    await page.getByRole("log").evaluate((el) => el.scrollTo({ top: 0 }));
    for (const locale of ["en", "ru"] as const) {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: server.url }]);
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const width of [1440, 390]) {
          await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
          await page.reload();
          await page.getByTestId("note").first().waitFor();
          await shot(page, `workday-thread-${width}-${locale}-${scheme}`);
          if (width === 390) continue;
          await page.getByTestId("composer").fill("/");
          await page.getByTestId("canned-picker").getByText("/hello").waitFor();
          await shot(page, `workday-canned-${width}-${locale}-${scheme}`);
          await page.getByTestId("composer").fill("");
        }
      }
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/inbox");
    await row(page, "Мария Ковалёва").waitFor();
    await shot(page, "workday-list-390-ru-light");

    expect(errors).toEqual([]);
    expect(colleague.errors).toEqual([]);
  }, 240_000);
});
