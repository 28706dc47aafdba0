import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRetailcrmFake, type RetailcrmFake } from "../fakes/retailcrm";
import { cleanShot, signUp } from "./ai-setup";
import { launchBrowser, newUser } from "./browser";
import { startServer, type TestServer } from "./server";

/**
 * Settings → Integrations → RetailCRM in a real browser against the production build and the fake RetailCRM:
 * connect with a URL, a key (never shown back) and a site, test the connection, sync now, and find the customer
 * RetailCRM had in the sync log and among the contacts. Pictured at 1440 and 390 px, in EN and RU.
 */
describe("RetailCRM settings: connect, test, sync now, the log", () => {
  let server: TestServer;
  let browser: Browser;
  let crm: RetailcrmFake;
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    crm = await startRetailcrmFake();
    server = await startServer({ env: { JOBS_RUNNER: "on" } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await crm?.close();
  });

  it("connects, tests, syncs a RetailCRM customer in and shows it in the log", async () => {
    const { context, page, errors } = await newUser(browser, server.url);
    await signUp(page, { name: "Rita Retail", email: `rita-rc-${stamp}@example.com`, org: "Retail Ltd" });
    // A customer someone made in RetailCRM before we connected.
    crm.userCreates("customer", { firstName: "Ольга", lastName: "Смирнова", phones: [{ number: "+79031112233" }] });

    await page.goto("/settings/integrations");
    await page.getByText("RetailCRM is not connected").waitFor();
    await cleanShot(page, "retailcrm-empty-en-1440");
    // Keyboard only: the fields in order, Enter submits.
    await page.getByLabel("API URL").fill(crm.url);
    await page.keyboard.press("Tab");
    await page.keyboard.type(crm.apiKey);
    await page.keyboard.press("Tab");
    await page.keyboard.type("shop");
    await page.keyboard.press("Enter");
    await page.getByTestId("retailcrm-status").getByText("Not tested").waitFor();
    // The key is write-only: the field is empty and the page carries it nowhere.
    expect(await page.getByLabel("API key").inputValue()).toBe("");
    expect(await page.content()).not.toContain(crm.apiKey);

    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByTestId("retailcrm-test-result").getByText("RetailCRM answered: the key works").waitFor();
    await page.getByTestId("retailcrm-status").getByText("Connected").waitFor();
    expect(crm.state.requests.some((r) => r.path === "/api/credentials")).toBe(true);

    // Managers: me as RetailCRM user 27 with telephony code 101, then the telephony module with that code.
    await page.getByLabel("RetailCRM user ID: Rita Retail").fill("27");
    await page.getByLabel("Telephony code: Rita Retail").fill("101");
    await page.getByRole("button", { name: "Save managers" }).click();
    await page.getByText("1 manager code").waitFor();
    await page.getByRole("button", { name: "Register module" }).click();
    await page.getByText(/^Registered /).waitFor();
    const registered = JSON.stringify(crm.state.modules.get("relay-crm"));
    expect(registered).toContain('"additionalCodes":[{"userId":27,"code":"101"}]');
    expect(registered).toContain(`/api/retailcrm/`);

    // Orders: the default pipeline, status "new" onto its first stage.
    await page.getByRole("combobox", { name: "Pipeline for orders" }).click();
    await page.getByRole("option").nth(1).click();
    await page.getByRole("button", { name: "Add status" }).click();
    await page.getByLabel("Status code 1").fill("new");
    await page.getByRole("combobox", { name: "Stage for status 1" }).click();
    await page.getByRole("option").first().click();
    await page.getByRole("button", { name: "Save mapping" }).click();
    await expect
      .poll(async () => {
        const r = (await (await page.request.get("/api/retailcrm/connection")).json()) as {
          connection: { pipelineId: string | null; statusMap: Record<string, string> };
        };
        return Boolean(r.connection.pipelineId && r.connection.statusMap.new);
      })
      .toBe(true);

    await page.getByRole("button", { name: "Sync now" }).click();
    const log = page.getByTestId("retailcrm-log");
    await log.getByText("Customer imported: Ольга Смирнова").waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Sync now" }).waitFor();
    await page.getByTestId("retailcrm-feed-customers").getByText("In 1 · out 0").waitFor();

    // The customer is one of our contacts now.
    await page.goto("/contacts");
    await page.getByText("Ольга Смирнова").first().waitFor();

    // The first sync uploads the contacts RetailCRM does not have yet, with its progress on the page.
    const made = await page.request.post("/api/crm/clients", { data: { name: "Пётр Иванов", phone: "+79035556677" } });
    expect(made.status()).toBe(201);
    await page.goto("/settings/integrations");
    await page.getByRole("button", { name: "First sync" }).click();
    await page.getByTestId("retailcrm-feed-first_sync").getByText("In 0 · out 1").waitFor({ timeout: 30_000 });
    const uploads = crm.state.requests.filter((r) => r.path === "/api/v5/customers/upload");
    expect(uploads).toHaveLength(1);
    expect(JSON.stringify(uploads[0].form)).toContain("+79035556677");

    // A RetailCRM that stops answering: the page says so, with the reason, and the sync retries.
    crm.fail({ status: 503, path: /credentials/, body: { success: false, errorMsg: "Service Unavailable" } });
    crm.fail({ status: 503, path: /credentials/, body: { success: false, errorMsg: "Service Unavailable" } });
    await page.goto("/settings/integrations");
    await page.getByRole("button", { name: "Test connection" }).click();
    await page
      .getByTestId("retailcrm-test-result")
      .getByText(/rate limiting/)
      .waitFor();
    await page
      .getByTestId("retailcrm-health")
      .getByText(/RetailCRM is rate limiting us/)
      .waitFor();

    for (const locale of ["en", "ru"] as const) {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: server.url }]);
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
        await page.goto("/settings/integrations");
        await page.getByTestId("retailcrm-log").waitFor();
        // What happened is worded in the reader's language, not stored in ours.
        await page
          .getByTestId("retailcrm-log")
          .getByText(locale === "ru" ? "Клиент загружен: Ольга Смирнова" : "Customer imported: Ольга Смирнова")
          .waitFor();
        await cleanShot(page, `retailcrm-settings-${locale}-${width}`, true);
      }
    }
    expect(errors).toEqual([]);
  });
});
