import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh browser profile, as a separate person on a separate machine would have. */
export async function newUser(browser: Browser, baseURL: string) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 800 },
    locale: "en-US",
    timezoneId: "Europe/Moscow",
    colorScheme: "light",
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  // Hydration mismatches and React warnings are console errors, not page errors. Failed loads are left
  // out: the journey provokes 401s on purpose (wrong password, expired token, revoked key).
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      errors.push(message.text());
  });
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let toasts and open animations settle so the picture shows the page, not a transition.
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

export async function setAccessCookie(context: BrowserContext, baseURL: string, value: string) {
  await context.addCookies([{ name: "relay-access-token", value, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

/** The page header's controls that reach past the viewport's right edge (they should wrap instead). */
export function headerOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const header = document.querySelector("main h1")?.closest("header");
    if (!header) return ["no page header"];
    return [...header.querySelectorAll<HTMLElement>("a, button, select")]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((el) => el.innerText || el.getAttribute("aria-label") || el.tagName);
  });
}
