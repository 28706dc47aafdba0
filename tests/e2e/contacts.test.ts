import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedUpdate, startTelegramFake, type TelegramFake } from "../fakes/telegram";
import { launchBrowser, newUser, screenshot } from "./browser";
import { startServer, type TestServer } from "./server";
import * as tg from "./telegram-updates";

/**
 * Contacts and channel failures in a real browser: a channel whose provider cannot be reached is saved but
 * shown amber "saved, not connected" with what to do; a number the client wrote is added to the contact with
 * one click; the contact panel and the lead drawer pictured in EN and RU, light and dark, at 1440 and 390 px.
 */
describe("contact panel and provider failures", () => {
  let server: TestServer;
  let browser: Browser;
  let telegram: TelegramFake;
  const stamp = Date.now().toString(36);
  const owner = { name: "Nina Owner", email: `nina-contacts-${stamp}@example.com`, password: "correct horse 1" };
  const olga = { id: 5_560_001, first_name: "Ольга", last_name: "Ким", username: "olga_k", language_code: "ru" };

  let closedPort: number;

  beforeAll(async () => {
    // A port that was just free: connecting to it is refused (fetch itself refuses "bad ports" such as 1 or 9).
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    telegram = await startTelegramFake({ botUsername: "remont_sales_bot" });
    server = await startServer({ env: { TELEGRAM_API_ROOT: telegram.apiRoot, JOBS_RUNNER: "on" } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await telegram?.close();
  });

  const look = async (context: BrowserContext, page: Page, opts: { locale: "en" | "ru"; theme: "light" | "dark" }) => {
    await context.addCookies([
      { name: "NEXT_LOCALE", value: opts.locale, url: server.url },
      { name: "relay-theme", value: opts.theme, url: server.url },
    ]);
    await page.emulateMedia({ colorScheme: opts.theme });
  };

  it("says saved-not-connected in amber when the provider cannot be reached", async () => {
    const { page, errors } = await newUser(browser, server.url);
    await page.goto("/sign-up");
    await page.getByLabel("Your name").fill(owner.name);
    await page.getByLabel("Work email").fill(owner.email);
    await page.getByLabel("Password", { exact: true }).fill(owner.password);
    await page.getByLabel("Organisation name").fill("Remont Plus");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/inbox$/);

    // Evolution on a port nobody listens on: connecting (setting the webhook) is refused.
    await page.goto("/settings/channels");
    await page.getByRole("button", { name: "Connect channel" }).click();
    await page.getByRole("button", { name: /^WhatsApp via Evolution API/ }).click();
    await page.getByLabel("Name", { exact: true }).fill("Evolution down");
    await page.getByLabel("Server address").fill(`http://127.0.0.1:${closedPort}`);
    await page.getByLabel("Instance name").fill("sales");
    await page.getByLabel("API key").fill("evo-key-123456");
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    const problem = page.getByTestId("channel-connected").getByTestId("channel-problem");
    await problem.waitFor();
    expect(await problem.getAttribute("data-code")).toBe("refused");
    const text = await problem.innerText();
    expect(text).toContain("Saved, not connected");
    expect(text).toContain("Evolution API refused the connection — check the URL and port");
    expect(text).not.toContain("fetch failed");
    // The raw error is one click away for the admin, with its cause named.
    await problem.getByRole("button", { name: "Details" }).click();
    expect(await problem.locator("pre").innerText()).toMatch(/ECONNREFUSED/);
    expect(await page.getByTestId("channel-connected").locator(".text-success").count()).toBe(0);
    await page.getByRole("heading", { name: "Evolution down is saved, not connected" }).waitFor();
    await screenshot(page, "channel-saved-not-connected");
    await page.getByRole("button", { name: "Done" }).click();
    const row = page.getByTestId("channel-Evolution down");
    await row.getByText("Not connected").waitFor();
    await row.getByTestId("channel-problem").waitFor();
    expect(errors).toEqual([]);
  });

  it(
    "offers the number the client wrote, adds it with one click, and is pictured in both languages and themes",
    { timeout: 480_000 },
    async () => {
      const { context, page, errors } = await newUser(browser, server.url);
      await page.goto("/sign-in");
      await page.getByLabel("Work email").fill(owner.email);
      await page.getByLabel("Password", { exact: true }).fill(owner.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(/\/inbox$/);

      const created = await page.request.post("/api/channels", {
        data: {
          type: "telegram",
          name: "Remont bot",
          secrets: { botToken: telegram.token, webhookSecret: "s".repeat(32) },
        },
      });
      expect(created.status()).toBe(201);
      const channel = (await created.json()) as { webhookUrl: string };
      for (const text of [
        "Здравствуйте! Сколько стоит ремонт ванной?",
        "Мой номер +7 (903) 555-12-34, звоните после 18",
      ]) {
        const res = await fetch(channel.webhookUrl, signedUpdate("s".repeat(32), tg.text(olga, text)));
        expect(res.status).toBe(200);
      }
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.reload();
      await page.getByTestId("conversation-row").filter({ hasText: "Ольга Ким" }).click();
      const panel = page.getByTestId("contact-panel");
      const found = panel.getByTestId("found-phone");
      await found.waitFor();
      expect(await found.innerText()).toContain("+7 903 555 12 34");
      await found.click();
      await panel.getByTestId("contact-phones").getByText("+7 903 555 12 34").waitFor();
      await panel.getByTestId("found-details").waitFor({ state: "detached" });
      // A typo is refused in place and changes nothing.
      await panel.getByLabel("Add a phone number").fill("+7 903 555");
      await panel.getByLabel("Add a phone number").press("Enter");
      await panel.getByRole("alert").waitFor();
      expect(await panel.getByTestId("contact-phones").locator("a").count()).toBe(1);
      await panel.getByLabel("Add a phone number").fill("");
      await panel.getByLabel("Company").fill("Ремонт-Сервис");
      await panel.getByLabel("Company").press("Enter");
      const conversationUrl = page.url();

      // A lead for her, corrected by hand in the drawer.
      const contactId = await page.evaluate(async () => {
        const list = (await (await fetch("/api/messaging/inbox")).json()) as { items: { contact: { id: string } }[] };
        return list.items[0].contact.id;
      });
      const leadRes = await page.request.post("/api/dialogs/leads", {
        data: { name: "Ольга Ким", contactId, need: "Ремонт ванной под ключ", budget: "350 000 ₽" },
      });
      expect(leadRes.status()).toBe(201);
      const lead = (await leadRes.json()) as { id: string };
      await page.goto(`/leads?lead=${lead.id}`);
      const drawer = page.getByTestId("lead-drawer");
      await drawer.getByTestId("edit-stage").selectOption("qualified");
      await drawer.getByTestId("manual-mark").nth(0).waitFor();
      await drawer.getByTestId("edit-owner").selectOption("true");
      await drawer.getByTestId("edit-q4").fill("в январе");
      await drawer.getByTestId("edit-q4").press("Enter");
      // Budget (typed in), stage, owner and the fourth answer.
      await expect.poll(() => drawer.getByTestId("manual-mark").count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);

      for (const locale of ["en", "ru"] as const) {
        for (const theme of ["light", "dark"] as const) {
          await look(context, page, { locale, theme });
          for (const width of [1440, 390]) {
            await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
            await page.goto(conversationUrl);
            if (width < 500) {
              await page.getByTestId("thread").waitFor();
              await page
                .getByRole("button", { name: locale === "ru" ? "Карточка клиента" : "Contact details" })
                .click();
            }
            await page.getByTestId("contact-panel").getByTestId("contact-phones").waitFor();
            await screenshot(page, `contact-panel-${locale}-${theme}-${width}`);
            if (width < 500) {
              // The sheet closes with Esc, and with a swipe to the right (a real touch sequence through CDP).
              await page.keyboard.press("Escape");
              await page.getByTestId("contact-panel").waitFor({ state: "detached" });
              await page
                .getByRole("button", { name: locale === "ru" ? "Карточка клиента" : "Contact details" })
                .click();
              await swipeRight(page, page.getByTestId("contact-panel"));
              await page.getByTestId("contact-panel").waitFor({ state: "detached" });
            }
            await page.goto(`/leads?lead=${lead.id}`);
            await page.getByTestId("lead-drawer").getByTestId("edit-stage").waitFor();
            await screenshot(page, `lead-drawer-${locale}-${theme}-${width}`);
          }
        }
      }
      expect(errors).toEqual([]);
    },
  );
});

/** A finger dragged 160 px to the right across the middle of the element, as touch events. */
async function swipeRight(page: Page, target: Locator) {
  const box = (await target.boundingBox())!;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: 1 });
  const y = box.y + box.height / 2;
  const x0 = box.x + 40;
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: x0, y }] });
  for (const dx of [40, 80, 120, 160]) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: x0 + dx, y: y + 4 }] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.send("Emulation.setTouchEmulationEnabled", { enabled: false });
  await cdp.detach();
}
