import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedUpdate, startTelegramFake, type TelegramFake } from "../fakes/telegram";
import { cleanShot, signUp } from "./ai-setup";
import { launchBrowser, newUser } from "./browser";
import { startServer, type TestServer } from "./server";
import * as tg from "./telegram-updates";

/**
 * The automation journey against the production build: a manager makes the "first reply → Qualified" rule
 * from its template in the browser and switches it on; the client's reply arrives through the Telegram
 * webhook, and the deal's card moves to Qualified on the open board without a reload. Then the rule's list
 * says when it fired and on what, and the page is photographed in both languages and themes, wide and narrow.
 */
describe("automations: a rule moves a card when a Telegram message arrives", () => {
  let server: TestServer;
  let browser: Browser;
  let telegram: TelegramFake;
  const stamp = Date.now().toString(36);
  const secret = "s".repeat(32);
  const client = {
    id: 5_570_001,
    first_name: "Марина",
    last_name: "Орлова",
    username: "marina_o",
    language_code: "ru",
  };

  beforeAll(async () => {
    telegram = await startTelegramFake({ botUsername: "rules_sales_bot" });
    server = await startServer({ env: { TELEGRAM_API_ROOT: telegram.apiRoot, JOBS_RUNNER: "on" } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await telegram?.close();
  });

  const column = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
  const card = (page: Page, title: string) => page.getByTestId("deal-card").filter({ hasText: title });

  it(
    "creates the rule from its template, and the client's first reply moves the deal on the board",
    { timeout: 480_000 },
    async () => {
      const { context, page, errors } = await newUser(browser, server.url);
      await page.setViewportSize({ width: 1440, height: 900 });
      await signUp(page, { name: "Rita Rules", email: `rita-${stamp}@example.com`, org: "Rules & Co" });

      const created = await page.request.post("/api/channels", {
        data: { type: "telegram", name: "Sales bot", secrets: { botToken: telegram.token, webhookSecret: secret } },
      });
      expect(created.status()).toBe(201);
      const { webhookUrl } = (await created.json()) as { webhookUrl: string };
      const write = async (text: string) => {
        const res = await fetch(webhookUrl, signedUpdate(secret, tg.text(client, text)));
        expect(res.status).toBe(200);
      };
      await write("Здравствуйте! Сколько стоит ремонт ванной?");
      let contactId = "";
      await expect
        .poll(async () => {
          const list = (await (await page.request.get("/api/messaging/inbox")).json()) as {
            items: { contact: { id: string } }[];
          };
          contactId = list.items[0]?.contact.id ?? "";
          return contactId;
        })
        .toBeTruthy();
      const deal = await page.request.post("/api/crm/deals", { data: { title: "Ремонт ванной", contactId } });
      expect(deal.status()).toBe(201);

      // The rule, from the gallery, switched on in the editor.
      await page.goto("/automations");
      await page.getByRole("heading", { name: "No rules yet" }).waitFor();
      await page.locator('[data-template="first_reply"]').click();
      const editor = page.getByTestId("rule-editor");
      await editor.waitFor();
      expect(await editor.getByLabel("Name").inputValue()).toBe("First reply → Qualified, tell the owner");
      expect(await editor.getByTestId("action-row").count()).toBe(2);
      await cleanShot(page, "automations-editor-en-light");
      await editor.getByLabel("Switch on after saving").check();
      await editor.getByRole("button", { name: "Save" }).click();
      const row = page.getByTestId("rule-row").filter({ hasText: "First reply → Qualified" });
      await row.waitFor();
      expect(await row.getByRole("switch").getAttribute("aria-checked")).toBe("true");
      expect(await row.innerText()).toContain("Has not fired yet");

      // Tried on the deal first: it would move it, and nothing changes.
      await row.getByRole("button", { name: "Try on a deal" }).click();
      await page.locator('select[name="deal"]').selectOption({ label: "Ремонт ванной · Марина Орлова · New lead" });
      await page.getByRole("button", { name: "Try", exact: true }).click();
      const result = page.getByTestId("dry-run-result");
      await result.waitFor();
      expect(await result.innerText()).toContain("move it to Qualified");
      await cleanShot(page, "automations-dry-run-en-light");
      await page.keyboard.press("Escape");

      // The board is open when the reply comes in.
      await page.goto("/pipeline");
      await card(page, "Ремонт ванной").waitFor();
      expect(await column(page, "New lead").getByText("Ремонт ванной").count()).toBe(1);
      await write("Да, давайте посчитаем. Ванная 6 м²");
      await column(page, "Qualified").getByText("Ремонт ванной").waitFor({ timeout: 20_000 });
      expect(await column(page, "New lead").getByText("Ремонт ванной").count()).toBe(0);

      // The rule says when it fired and on what; its log has the run.
      await page.goto("/automations");
      await expect.poll(() => row.getByTestId("rule-last-fired").innerText()).toMatch(/Last fired .* on Ремонт ванной/);
      await row.getByRole("button", { name: "Log" }).click();
      await page.getByTestId("run-log").getByText("fired").first().waitFor();
      await cleanShot(page, "automations-log-en-light");
      await page.keyboard.press("Escape");

      // The same history row the trigger wrote: automatic, by this rule.
      const deals = (await (await page.request.get("/api/crm/deals?q=Ремонт")).json()) as { deals: { id: string }[] };
      const detail = (await (await page.request.get(`/api/crm/deals/${deals.deals[0].id}`)).json()) as {
        history: { autoMoved: boolean; ruleId: string | null }[];
      };
      expect(detail.history[0]).toMatchObject({ autoMoved: true });
      expect(detail.history[0].ruleId).toBeTruthy();

      // EN/RU × light/dark × desktop/phone, set as the app keeps them (cookies), so the phone needs no menu.
      for (const locale of ["en", "ru"] as const) {
        for (const theme of ["light", "dark"] as const) {
          await context.addCookies([
            { name: "NEXT_LOCALE", value: locale, url: server.url },
            { name: "relay-theme", value: theme, url: server.url },
          ]);
          await page.emulateMedia({ colorScheme: theme });
          for (const width of [1440, 390]) {
            await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
            await page.goto("/automations");
            await page.getByTestId("rule-row").first().waitFor();
            await cleanShot(page, `automations-${locale}-${theme}-${width}`, true);
          }
        }
      }
      expect(errors).toEqual([]);
    },
  );
});
