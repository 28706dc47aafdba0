import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shootLooks, signUp } from "./ai-setup";
import { launchBrowser, newUser } from "./browser";
import { startServer, type TestServer } from "./server";

/** "New pipeline" is a dialog that checks the name before the API does, then opens the new board. */
describe("pipeline: the new-pipeline dialog", () => {
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

  it("refuses an empty or taken name, creates a valid one and switches to it", async () => {
    const { page, errors } = await newUser(browser, server.url);
    await signUp(page, { name: "Nina New", email: `nina-${stamp}@example.com`, org: "Funnels Ltd" });
    await page.goto("/pipeline");
    await page.getByTestId("board-column").first().waitFor();
    const defaultName = await page.getByTestId("pipeline-switcher").locator("option:checked").innerText();

    await page.getByTestId("new-pipeline").click();
    const dialog = page.getByTestId("new-pipeline-dialog");
    await dialog.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("new-pipeline-name");
    await page.keyboard.press("Enter");
    await expect.poll(() => dialog.getByTestId("new-pipeline-error").innerText()).toBe("Give the pipeline a name.");
    await page.getByTestId("new-pipeline-name").fill(defaultName.toUpperCase());
    await expect
      .poll(() => dialog.getByTestId("new-pipeline-error").innerText())
      .toBe("A pipeline with this name already exists.");
    await shootLooks(
      page,
      "new-pipeline-dialog",
      async () => {
        if (!(await dialog.isVisible())) {
          await page.getByTestId("new-pipeline").click();
          await page.getByTestId("new-pipeline-name").fill("  ");
          await page.keyboard.press("Enter");
        }
        await dialog.getByTestId("new-pipeline-error").waitFor();
      },
      {
        close: async () => {
          await page.keyboard.press("Escape");
          await dialog.waitFor({ state: "hidden" });
        },
      },
    );
    await page.setViewportSize({ width: 390, height: 800 });
    if (!(await dialog.isVisible())) await page.getByTestId("new-pipeline").click();
    await page.getByTestId("new-pipeline-name").fill("Partnerships");
    await page.screenshot({ path: "test-results/new-pipeline-dialog-390.png" });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId("new-pipeline-submit").click();
    await dialog.waitFor({ state: "hidden" });
    await expect
      .poll(() => page.getByTestId("pipeline-switcher").locator("option:checked").innerText())
      .toBe("Partnerships");
    expect(errors).toEqual([]);
  });
});
