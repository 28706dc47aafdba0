import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  instagramMessageEvent,
  signedMetaWebhook,
  startMetaFake,
  whatsappMessageEvent,
  type MetaFake,
} from "../fakes/meta";
import { faults, signedUpdate, startTelegramFake, type TelegramFake } from "../fakes/telegram";
import { launchBrowser, newUser, screenshot } from "./browser";
import { startServer, type TestServer } from "./server";
import * as tg from "./telegram-updates";

/**
 * A sales team's first conversation, in a real browser against the production build with the Telegram Bot
 * API replaced by the local fake: the owner connects a bot in Settings → Channels, a client's message
 * posted to the channel's webhook appears in the open inbox within a second, the agent replies with Enter,
 * the fake Telegram receives sendMessage with that text for that chat, and the bubble turns "sent".
 */
describe("inbox journey: Telegram in, reply out", () => {
  let server: TestServer;
  let browser: Browser;
  let telegram: TelegramFake;
  let meta: MetaFake;
  const stamp = Date.now().toString(36);
  const owner = { name: "Olga Owner", email: `olga-inbox-${stamp}@example.com`, password: "correct horse 1" };
  const maria = { id: 5_550_001, first_name: "Мария", last_name: "Ковалёва", username: "maria_k", language_code: "ru" };
  const ivan = { id: 5_550_002, first_name: "Ivan", last_name: "Petrov", username: "ivanp" };
  const lumen = { id: 5_550_003, first_name: "Studio", last_name: "Lumen" };

  beforeAll(async () => {
    telegram = await startTelegramFake({ botUsername: "northwind_sales_bot" });
    meta = await startMetaFake({
      templates: [
        {
          id: "1402375210654896",
          name: "order_ready",
          language: "en",
          category: "UTILITY",
          status: "APPROVED",
          components: [{ type: "BODY", text: "Hello {{1}}, your order {{2}} is ready for pickup." }],
        },
      ],
    });
    // APP_URL is http://localhost:<port> (not public), so the bot is not given to setWebhook: the server
    // long-polls the fake (getUpdates finds nothing) while the webhook route still accepts signed posts.
    // The jobs runner must run: the outbox job is what calls sendMessage.
    server = await startServer({
      env: { TELEGRAM_API_ROOT: telegram.apiRoot, META_GRAPH_API_URL: meta.url, JOBS_RUNNER: "on" },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await telegram?.close();
    await meta?.close();
  });

  /** Toasts fade by themselves; the inbox pictures should show the inbox, not the last confirmations. */
  const cleanShot = async (page: Page, name: string) => {
    await page
      .locator("[data-sonner-toast] [data-close-button]")
      .evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLElement).click()));
    await page
      .locator("[data-sonner-toast]")
      .first()
      .waitFor({ state: "detached", timeout: 3_000 })
      .catch(() => undefined);
    await screenshot(page, name);
  };

  const row = (page: Page, name: string): Locator => page.getByTestId("conversation-row").filter({ hasText: name });

  it("connects a bot, shows an inbound message live, and delivers the reply", async () => {
    const { context, page, errors } = await newUser(browser, server.url);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });

    // Sign up; with no channel yet, the inbox points to Settings → Channels.
    await page.goto("/sign-up");
    await page.getByLabel("Your name").fill(owner.name);
    await page.getByLabel("Work email").fill(owner.email);
    await page.getByLabel("Password", { exact: true }).fill(owner.password);
    await page.getByLabel("Organisation name").fill("Northwind Sales");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/inbox$/);
    await page.getByRole("heading", { name: "Your client conversations will land here" }).waitFor();
    await page.getByRole("link", { name: "Connect a channel" }).click();
    await page.waitForURL(/\/settings\/channels$/);
    await page.getByRole("heading", { name: "No channels connected yet" }).waitFor();
    await screenshot(page, "channels-empty");

    // Connect the bot with the fake's token; the secret Telegram must echo is generated and shown once.
    await page.getByRole("button", { name: "Connect channel" }).click();
    await page.getByRole("button", { name: /^Telegram bot/ }).click();
    await page.getByLabel("Name").fill("Sales bot");
    await page.getByLabel("Bot token").fill(telegram.token);
    await page.getByText("Advanced settings").click();
    await screenshot(page, "channels-connect-telegram");
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await page.getByTestId("channel-connected").waitFor();
    const webhookUrl = await page.locator("#channel-webhook-url").inputValue();
    const secret = await page.locator("#channel-revealed-webhookSecret").inputValue();
    expect(webhookUrl).toMatch(new RegExp(`^${server.url}/api/webhooks/telegram/[0-9a-f-]{36}$`));
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    await page.getByTestId("channel-connected").getByRole("button", { name: "Copy" }).first().click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(webhookUrl);
    await screenshot(page, "channels-connected");
    await page.getByRole("button", { name: "Done" }).click();

    // The list: connected (the server removed any webhook to long-poll), the same URL, a working test.
    const channelRow = page.getByTestId("channel-Sales bot");
    await channelRow.getByText("Connected").waitFor();
    expect(await channelRow.getByTestId("channel-webhook-url").innerText()).toBe(webhookUrl);
    expect(telegram.callsTo("deleteWebhook").length).toBeGreaterThan(0);
    await channelRow.getByRole("button", { name: "Test" }).click();
    await page.getByText("Connection works: @northwind_sales_bot").waitFor();
    await screenshot(page, "channels-settings");

    // Editing shows the settings but never the secrets: the token field is empty, "unchanged".
    await channelRow.getByRole("button", { name: "Actions for Sales bot" }).click();
    await page.getByRole("menuitem", { name: "Edit" }).click();
    expect(await page.getByLabel("Bot token").inputValue()).toBe("");
    expect(await page.getByLabel("Bot token").getAttribute("placeholder")).toBe("Unchanged — leave empty to keep");
    await screenshot(page, "channels-edit");
    await page.getByRole("button", { name: "Cancel" }).click();

    // The inbox, open and live, before the client writes.
    await page.getByRole("navigation").getByRole("link", { name: "Inbox", exact: true }).click();
    await page.waitForURL(/\/inbox$/);
    await page.getByTestId("inbox-list-empty").waitFor();
    await page.getByRole("img", { name: /^Live/ }).waitFor();

    // Only Telegram's echo of the secret gets in.
    const forged = await fetch(webhookUrl, signedUpdate("not-the-secret", tg.text(maria, "forged")));
    expect(forged.status).toBe(401);

    const question = "Здравствуйте! Есть ли в наличии модель на 12 кг?";
    const started = Date.now();
    const delivered = await fetch(webhookUrl, signedUpdate(secret, tg.text(maria, question)));
    expect(delivered.status).toBe(200);
    await row(page, "Мария Ковалёва").waitFor({ timeout: 5_000 });
    const elapsed = Date.now() - started;
    expect(elapsed, `the message took ${elapsed} ms to appear`).toBeLessThan(1_000);
    expect(await row(page, "Мария Ковалёва").innerText()).toContain(question);
    expect(await row(page, "Мария Ковалёва").getByTestId("unread-badge").innerText()).toBe("1");

    // Open it: the message is there, and reading it clears the unread count.
    await row(page, "Мария Ковалёва").click();
    await page.waitForURL(/\/inbox\?c=[0-9a-f-]{36}$/);
    await page.getByTestId("thread").getByText(question).waitFor();
    await row(page, "Мария Ковалёва").getByTestId("unread-badge").waitFor({ state: "detached" });
    await expect.poll(() => page.getByTestId("contact-name").innerText()).toBe("Мария Ковалёва");

    // Reply with Enter: a bubble at once, sendMessage at the fake, then the bubble is "sent".
    const reply = "Да, осталось три штуки. Оформить доставку на завтра?";
    await page.getByTestId("composer").fill(reply);
    await page.getByTestId("composer").press("Enter");
    const bubble = page.locator("[data-testid=message][data-direction=out]").filter({ hasText: reply });
    await bubble.waitFor();
    expect(await page.getByTestId("composer").inputValue()).toBe("");
    await expect
      .poll(
        () => telegram.callsTo("sendMessage").map((c) => ({ chat: String(c.params.chat_id), text: c.params.text })),
        {
          timeout: 10_000,
        },
      )
      .toContainEqual({ chat: String(maria.id), text: reply });
    await expect.poll(() => bubble.getAttribute("data-status"), { timeout: 10_000 }).toBe("sent");
    await bubble.getByRole("img", { name: "Sent" }).waitFor();

    // A reply Telegram refuses: the bubble says what happened and what to do, Telegram's own words behind
    // "Details" (the owner is an admin), and Resend sends it again.
    telegram.failNext(faults.blocked(), { method: "sendMessage" });
    const followUp = "Могу также предложить модель на 15 кг.";
    await page.getByTestId("composer").fill(followUp);
    await page.getByTestId("composer").press("Enter");
    const refused = page.locator("[data-testid=message][data-direction=out]").filter({ hasText: followUp });
    await expect.poll(() => refused.getAttribute("data-status"), { timeout: 10_000 }).toBe("failed");
    expect(await refused.getByTestId("failure-reason").innerText()).toBe(
      "Not delivered: The client has blocked or stopped the chat on Telegram — they have to write to you first; reach them another way meanwhile",
    );
    await refused.getByRole("button", { name: "Details" }).click();
    expect(await refused.getByTestId("failure-detail").innerText()).toBe("403: Forbidden: bot was blocked by the user");
    await cleanShot(page, "inbox-failed");
    await refused.getByRole("button", { name: "Resend" }).click();
    await expect.poll(() => refused.getAttribute("data-status"), { timeout: 10_000 }).toBe("sent");
    expect(telegram.callsTo("sendMessage").filter((c) => c.params.text === followUp)).toHaveLength(2);

    // More clients, for a realistic inbox: English text, a voice note, a photo and a PDF.
    const post = async (update: Parameters<typeof signedUpdate>[1]) =>
      expect((await fetch(webhookUrl, signedUpdate(secret, update))).status).toBe(200);
    await post(tg.text(ivan, "Hi! Can you send the invoice for the two heaters today?"));
    await post(tg.document(ivan, "requisites-northwind.pdf", "Our company details for the invoice"));
    await post(tg.voice(lumen, 14));
    await post(tg.photo(lumen, "We need 40 units like this by Friday"));
    await post(tg.photo(maria, "Вот такую модель я имела в виду"));
    await row(page, "Studio Lumen").waitFor();
    await row(page, "Ivan Petrov").waitFor();
    await page.getByTestId("thread").getByText("Вот такую модель я имела в виду").waitFor();

    // Tags and notes on the contact panel.
    await page.getByRole("textbox", { name: "Add tag" }).fill("wholesale");
    await page.getByRole("textbox", { name: "Add tag" }).press("Enter");
    await page.getByTestId("contact-tags").getByText("wholesale").waitFor();
    await page.getByRole("textbox", { name: "Notes" }).fill("Prefers delivery in the morning.");
    await page.getByTestId("composer").click();
    await page.getByText("Saved", { exact: true }).waitFor();

    await page.setViewportSize({ width: 1440, height: 900 });
    await cleanShot(page, "inbox-light");

    // Keyboard: j/k move through the list, / searches messages on the server, e resolves.
    await page.getByTestId("composer").press("Escape");
    await page.keyboard.press("j");
    await expect.poll(() => page.getByTestId("thread-title").innerText()).not.toBe("Мария Ковалёва");
    await page.keyboard.press("k");
    await expect.poll(() => page.getByTestId("thread-title").innerText()).toBe("Мария Ковалёва");
    await page.keyboard.press("/");
    await page.keyboard.type("invoice");
    await expect.poll(() => page.getByTestId("conversation-row").count()).toBe(1);
    await row(page, "Ivan Petrov").waitFor();
    await page.getByRole("searchbox").press("Escape");
    await expect.poll(() => page.getByTestId("conversation-row").count()).toBe(3);
    await page.getByRole("searchbox").press("Escape");
    await row(page, "Ivan Petrov").click();
    await page.getByTestId("thread").getByText("requisites-northwind.pdf").waitFor();
    await page.keyboard.press("e");
    await page.getByText("Conversation with Ivan Petrov resolved").waitFor();
    await row(page, "Ivan Petrov").waitFor({ state: "detached" });
    await page.keyboard.press("Shift+Slash");
    await page.getByRole("dialog").getByText("Resolve the conversation").waitFor();
    await cleanShot(page, "inbox-shortcuts");
    await page.keyboard.press("Escape");

    // Mark as unread: back to the list, with the badge again.
    await row(page, "Studio Lumen").click();
    await page.getByTestId("thread").getByText("We need 40 units like this by Friday").waitFor();
    await row(page, "Studio Lumen").getByTestId("unread-badge").waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Mark as unread" }).click();
    await page.waitForURL(/\/inbox$/);
    await row(page, "Studio Lumen").getByTestId("unread-badge").waitFor();

    // A long thread opens at its newest message and pages back as it scrolls up.
    const anna = { id: 5_550_004, first_name: "Anna", last_name: "Smirnova" };
    for (let i = 1; i <= 45; i++) await post(tg.text(anna, `Position ${i} of the order`));
    await row(page, "Anna Smirnova").click();
    await page.getByTestId("thread").getByText("Position 45 of the order").waitFor();
    expect(await page.getByTestId("thread").getByText("Position 1 of the order", { exact: true }).count()).toBe(0);
    await page.getByRole("log").evaluate((el) => el.scrollTo({ top: -el.scrollHeight }));
    await page.getByTestId("thread").getByText("Position 1 of the order", { exact: true }).waitFor();
    await page.getByTestId("thread").getByText("Start of the conversation").waitFor();

    // Dark theme.
    await row(page, "Studio Lumen").click();
    await page.getByTestId("thread").getByText("We need 40 units like this by Friday").waitFor();
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitemradio", { name: "Dark" }).click();
    await page.keyboard.press("Escape");
    await cleanShot(page, "inbox-dark");

    // Russian.
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitemradio", { name: "Русский" }).click();
    await page.keyboard.press("Escape");
    await page.getByRole("heading", { name: "Входящие" }).waitFor();
    await row(page, "Мария Ковалёва").click();
    await page.getByTestId("thread").getByText(reply).waitFor();
    await cleanShot(page, "inbox-ru");

    // A phone: the list, then the thread with a way back.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/inbox");
    await row(page, "Мария Ковалёва").click();
    await page.getByTestId("thread").getByText(reply).waitFor();
    await cleanShot(page, "inbox-mobile-thread");
    await page.getByRole("button", { name: "Назад к диалогам" }).click();
    await row(page, "Studio Lumen").waitFor();
    await cleanShot(page, "inbox-mobile-list");

    expect(errors).toEqual([]);
    await context.close();
  });

  it("WhatsApp and Instagram: outside the 24-hour window the composer says why; WhatsApp sends a template", async () => {
    const { page, context, errors } = await newUser(browser, server.url);
    await page.goto("/sign-up");
    await page.getByLabel("Your name").fill("Sofia Admin");
    await page.getByLabel("Work email").fill(`sofia-wa-${stamp}@example.com`);
    await page.getByLabel("Password", { exact: true }).fill(owner.password);
    await page.getByLabel("Organisation name").fill("Southwind Trade");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/inbox$/);

    // Connect the number; the verify token Meta will ask for is generated and shown once.
    const appSecret = "e2e-meta-app-secret";
    await page.goto("/settings/channels");
    await page.getByRole("button", { name: "Connect channel" }).click();
    await page.getByRole("button", { name: /^WhatsApp Cloud API/ }).click();
    await page.getByLabel("Phone number ID").fill(meta.phoneNumbers[0].id);
    await page.getByLabel(/^WhatsApp Business Account ID/).fill(meta.wabaId);
    await page.getByLabel("Access token").fill(meta.accessToken);
    await page.getByLabel("App secret").fill(appSecret);
    await screenshot(page, "channels-connect-whatsapp");
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await page.getByTestId("channel-connected").waitFor();
    const webhookUrl = await page.locator("#channel-webhook-url").inputValue();
    const verifyToken = await page.locator("#channel-revealed-verifyToken").inputValue();
    expect(webhookUrl).toMatch(/\/api\/webhooks\/meta\/[0-9a-f-]{36}$/);
    // Meta's handshake succeeds with the token the page showed.
    const challenge = await fetch(
      `${webhookUrl}?hub.mode=subscribe&hub.challenge=8151&hub.verify_token=${verifyToken}`,
    );
    expect(await challenge.text()).toBe("8151");
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByTestId("channel-WhatsApp").getByRole("button", { name: "Test" }).click();
    await page.getByText(/^Connection works/).waitFor();

    // A client who last wrote two days ago: free text is no longer allowed.
    const twoDaysAgo = String(Math.floor(Date.now() / 1000) - 2 * 24 * 3600);
    const event = whatsappMessageEvent({
      phoneNumberId: meta.phoneNumbers[0].id,
      from: "4915112345678",
      name: "Lena Braun",
      text: "Hallo! Is the spring offer still valid?",
      timestamp: twoDaysAgo,
    });
    expect((await fetch(signedMetaWebhook(webhookUrl, appSecret, event))).status).toBe(200);
    await page.getByRole("navigation").getByRole("link", { name: "Inbox", exact: true }).click();
    await row(page, "Lena Braun").click();
    await page.getByTestId("thread").getByText("Hallo! Is the spring offer still valid?").waitFor();
    const blocked = page.getByTestId("composer-blocked");
    expect(await blocked.getAttribute("data-reason")).toBe("window_closed");
    await blocked.getByText("The 24-hour window is closed").waitFor();
    await cleanShot(page, "inbox-window-closed");

    // The approved template, fetched from WhatsApp, with its variables filled in.
    await blocked.getByRole("button", { name: "Choose a template" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("This channel has no approved templates yet.").waitFor();
    await dialog.getByRole("button", { name: "Sync from WhatsApp" }).click();
    await dialog.getByRole("button", { name: /order_ready/ }).click();
    await dialog.getByLabel("Value for {{1}}").fill("Lena");
    await dialog.getByLabel("Value for {{2}}").fill("#4471");
    expect(await dialog.getByTestId("template-preview").innerText()).toBe(
      "Hello Lena, your order #4471 is ready for pickup.",
    );
    await cleanShot(page, "inbox-template");
    await dialog.getByRole("button", { name: "Send template" }).click();
    const sentTemplate = page
      .locator("[data-testid=message][data-direction=out]")
      .filter({ hasText: "Hello Lena, your order #4471 is ready for pickup." });
    await expect.poll(() => sentTemplate.getAttribute("data-status"), { timeout: 10_000 }).toBe("sent");
    const send = meta.sends().at(-1)!;
    expect(send.body).toMatchObject({ to: "4915112345678", type: "template", template: { name: "order_ready" } });

    // Instagram: the same window, known before trying, and no templates to offer.
    const created = await page.request.post("/api/channels", {
      data: {
        type: "instagram",
        name: "Instagram",
        config: { igUserId: "17841400000000077" },
        secrets: { appSecret, accessToken: "IGAAe2eToken" },
      },
    });
    expect(created.status()).toBe(201);
    const igWebhook = ((await created.json()) as { webhookUrl: string }).webhookUrl;
    const igEvent = instagramMessageEvent({
      igUserId: "17841400000000077",
      senderId: "6620012345678901",
      text: "Is the blue sofa still available?",
      timestamp: Date.now() - 2 * 24 * 3600 * 1000,
    });
    expect((await fetch(signedMetaWebhook(igWebhook, appSecret, igEvent))).status).toBe(200);
    await row(page, "Is the blue sofa still available?").click();
    // Instagram sends no name: the client is named after the channel until someone names them.
    await page.getByTestId("thread-title").getByText("Client from Instagram").waitFor();
    const igBlocked = page.getByTestId("composer-blocked");
    await igBlocked.getByText(/^Instagram lets a business reply only within 24 hours/).waitFor();
    expect(await igBlocked.getAttribute("data-reason")).toBe("window_closed");
    expect(await igBlocked.getByRole("button").count()).toBe(0);
    await cleanShot(page, "inbox-instagram-window-closed");

    expect(errors).toEqual([]);
    await context.close();
  });
});
