import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faults, signedUpdate, startTelegramFake, type TelegramFake } from "../fakes/telegram";
import { cleanShot, connectTelegram, signUp } from "./ai-setup";
import { launchBrowser, newUser } from "./browser";
import { startServer, type TestServer } from "./server";
import * as tg from "./telegram-updates";

/**
 * Settings → Integrations → Weekly summary in Telegram, in a real browser against the production build and the
 * fake Bot API: the owner writes /start to the bot, picks that chat, sends last week's summary now and sees
 * Telegram's refusal when the chat is gone. Pictured at 1440 and 390 px, in EN and RU.
 */
describe("weekly summary in Telegram: choose the chat, send now, see a refusal", () => {
  let server: TestServer;
  let browser: Browser;
  let telegram: TelegramFake;
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    telegram = await startTelegramFake({ botUsername: "weekly_sales_bot" });
    server = await startServer({ env: { TELEGRAM_API_ROOT: telegram.apiRoot, JOBS_RUNNER: "on" } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await telegram?.close();
  });

  it("sends the summary to the chosen chat in its language, and words Telegram's refusal", async () => {
    const { context, page, errors } = await newUser(browser, server.url);
    await signUp(page, { name: "Wendy Week", email: `wendy-wk-${stamp}@example.com`, org: "Weekly Ltd" });
    const bot = await connectTelegram(page, telegram);
    const owner = { id: 7_700_001, first_name: "Wendy", last_name: "Week" };
    expect((await fetch(bot.webhookUrl, signedUpdate(bot.secret, tg.text(owner, "/start")))).status).toBe(200);

    await page.goto("/settings/integrations");
    const form = page.getByTestId("weekly-telegram");
    await form.waitFor();
    await page.getByLabel("Bot", { exact: true }).selectOption({ label: "Sales bot" });
    // The chat the owner wrote from is offered by the field (a datalist); typing its id is the same.
    expect(
      await page.locator("#wk-chats option").evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)),
    ).toContain(String(owner.id));
    await page.getByLabel("Chat", { exact: true }).fill(String(owner.id));
    await form.getByText("The chat with Wendy Week").waitFor();
    await page.getByLabel("Language").selectOption("ru");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByTestId("weekly-telegram-state").getByText("Not sent yet.").waitFor();

    await page.getByRole("button", { name: "Send last week's now" }).click();
    await page.getByTestId("weekly-telegram-test").getByText("Sent — look in the chat.").waitFor();
    const sent = telegram.callsTo("sendMessage").filter((c) => String(c.params.chat_id) === String(owner.id));
    expect(sent).toHaveLength(1);
    expect(String(sent[0].params.text)).toMatch(/^Ваша неделя \d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}/);
    await page
      .getByTestId("weekly-telegram-state")
      .getByText(/^Last sent /)
      .waitFor();
    // It links to that week's dashboard.
    expect(sent[0].params.text).toContain(`${server.url}/analytics?from=`);

    telegram.failNext(faults.chatNotFound(), { method: "sendMessage" });
    await page.getByRole("button", { name: "Send last week's now" }).click();
    await page
      .getByTestId("weekly-telegram-test")
      .getByText(/Not sent\. Telegram said: .*chat not found/)
      .waitFor();
    await page
      .getByTestId("weekly-telegram-state")
      .getByText(/Telegram said: .*chat not found/)
      .waitFor();

    for (const locale of ["en", "ru"] as const) {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: server.url }]);
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
        await page.goto("/settings/integrations");
        await page
          .getByTestId("weekly-telegram")
          .getByText(locale === "ru" ? "Отправлять каждый понедельник" : "Send every Monday")
          .waitFor();
        await page.getByTestId("weekly-telegram").scrollIntoViewIfNeeded();
        await cleanShot(page, `weekly-telegram-${locale}-${width}`);
      }
    }
    expect(errors).toEqual([]);
  });
});
