import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp } from "./ai-setup";
import { launchBrowser, newUser, screenshot } from "./browser";
import { startServer, type TestServer } from "./server";

/**
 * The Contacts page in a real browser against the production build: the table lists and searches contacts
 * (Cyrillic too), a contact's page takes a note, a small CSV with a bad row is checked (dry run), imported as a
 * job with progress, and the table is exported as CSV. Pictured in EN and RU, light and dark, at 1440 and 390 px.
 */
describe("contacts page", () => {
  let server: TestServer;
  let browser: Browser;
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    server = await startServer({ env: { JOBS_RUNNER: "on" } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const look = async (
    context: BrowserContext,
    page: Page,
    opts: { locale: "en" | "ru"; theme: "light" | "dark"; width: number },
  ) => {
    await context.addCookies([
      { name: "NEXT_LOCALE", value: opts.locale, url: server.url },
      { name: "relay-theme", value: opts.theme, url: server.url },
    ]);
    await page.emulateMedia({ colorScheme: opts.theme });
    await page.setViewportSize({ width: opts.width, height: opts.width < 500 ? 844 : 900 });
  };

  it("lists, searches, opens a contact, adds a note, imports a CSV and exports", async () => {
    const { context, page, errors } = await newUser(browser, server.url);
    await signUp(page, { name: "Katya Contacts", email: `katya-${stamp}@example.com`, org: "Contacts Co" });
    for (const body of [
      { name: "Анна Петрова", phone: "+7 903 555-12-34", email: "anna@example.ru", tags: ["vip"] },
      { name: "John Smith", email: "john@example.com", tags: ["en"] },
      { name: "Борис Ёлкин", phone: "+7 903 555-00-01" },
    ]) {
      const res = await page.request.post("/api/crm/clients", { data: body });
      expect(res.status()).toBe(201);
    }

    await page.goto("/contacts");
    const rows = page.getByTestId("contacts-table").locator("tbody tr");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    await page.getByTestId("contacts-search").fill("анна");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    expect(await rows.first().innerText()).toContain("Анна Петрова");
    await page.getByTestId("contacts-search").fill("");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);

    // A contact's page: add a note.
    await page.getByTestId("contact-link").filter({ hasText: "Анна Петрова" }).click();
    await page.getByTestId("contact-name").waitFor();
    expect(await page.getByTestId("contact-name").innerText()).toBe("Анна Петрова");
    await page.getByTestId("note-input").fill("Просила перезвонить после 15:00");
    await page.getByTestId("note-add").click();
    await page.getByTestId("note").filter({ hasText: "перезвонить" }).waitFor();
    await page.getByTestId("timeline").getByText("перезвонить").waitFor();

    // Import: a `;` file with a BOM, a Russian number without +7 and one bad phone.
    await page.goto("/contacts");
    await page.getByTestId("import-open").click();
    const csv =
      "\uFEFFИмя;Телефон;Email\r\nВера Сидорова;8 903 555-77-66;vera@example.ru\r\nГлеб;12345;\r\nАнна Петрова;+7 903 555 12 34;\r\n";
    await page
      .getByTestId("import-file")
      .setInputFiles({ name: "clients.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    // An English-speaking user picks how numbers without a country code are read.
    await page.getByLabel("Numbers without a country code").selectOption("RU");
    await page.getByTestId("import-check").click();
    await page.getByTestId("import-summary").waitFor();
    expect(await page.getByTestId("import-summary").innerText()).toContain("1 new, 1 already here, 1 refused");
    expect(await page.getByTestId("import-rejections").innerText()).toContain("Row 3: not a phone number (12345)");
    await screenshot(page, "contacts-import-dry-run-en");
    await page.getByTestId("import-start").click();
    await page
      .getByTestId("import-progress")
      .getByText("Done: 1 added, 1 updated, 1 skipped.")
      .waitFor({ timeout: 20_000 });
    await page.keyboard.press("Escape");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(4);

    // Export with `;`: the download is UTF-8 with a BOM and has every contact.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).toContain("id;name;phone");
    expect(text).toContain("Вера Сидорова;+79035557766");
    // The same list in the background: the job's file, once its link replaces the button, is the same bytes.
    await page.getByRole("button", { name: "Export in background" }).click();
    const ready = page.getByTestId("background-export-download");
    await ready.getByText("Download CSV (4 rows)").waitFor({ timeout: 30_000 });
    const [later] = await Promise.all([page.waitForEvent("download"), ready.click()]);
    expect((await readFile((await later.path())!)).equals(bytes)).toBe(true);

    // A company: created from the Companies tab, opened, given a note.
    await page.goto("/contacts?tab=companies");
    await page.getByTestId("company-new").click();
    await page.getByTestId("company-name").fill("ООО Ромашка");
    await page.getByTestId("company-website").fill("romashka.ru");
    await page.getByTestId("company-save").click();
    await page.waitForURL(/\/contacts\/companies\//);
    await page.getByRole("heading", { name: "ООО Ромашка" }).waitFor();
    await page.getByTestId("note-input").fill("Головной офис в Казани");
    await page.getByTestId("note-add").click();
    await page.getByTestId("note").filter({ hasText: "Казани" }).waitFor();
    const companyUrl = page.url();

    // A second card of Anna (same phone): the inbox's merge suggestion shows on her page and under Duplicates.
    expect(
      (
        await page.request.post("/api/crm/clients", { data: { name: "Анна П.", phone: "+7 (903) 555-12-34" } })
      ).status(),
    ).toBe(201);

    await page.goto("/contacts");
    const contactId = await page.getByTestId("contact-link").filter({ hasText: "Анна Петрова" }).getAttribute("href");
    for (const locale of ["en", "ru"] as const) {
      for (const [theme, width, size] of [
        ["light", 1440, "desktop"],
        ["dark", 390, "phone"],
        ["dark", 1440, "desktop"],
        ["light", 390, "phone"],
      ] as const) {
        await look(context, page, { locale, theme, width });
        await page.goto("/contacts");
        await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(5);
        await screenshot(page, `contacts-${locale}-${size}-${theme}`);
        await page.goto(contactId!);
        await page.getByTestId("note").first().waitFor();
        await screenshot(page, `contact-page-${locale}-${size}-${theme}`);
      }
      await page.goto("/contacts?tab=companies");
      await page.getByTestId("companies-table").getByText("ООО Ромашка").waitFor();
      await screenshot(page, `companies-${locale}`);
      await page.goto(companyUrl);
      await page.getByTestId("note").first().waitFor();
      await screenshot(page, `company-page-${locale}`);
      await page.goto("/contacts?tab=duplicates");
      await page.getByTestId("merge-list").getByText("Анна П.").waitFor();
      await screenshot(page, `contacts-duplicates-${locale}`);
    }
    expect(errors).toEqual([]);
  });
});
