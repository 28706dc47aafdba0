import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { TelegramFake } from "../fakes/telegram";
import { SCREENSHOTS } from "./browser";

/** Signs up a new owner with a new organisation; lands in the inbox. */
export async function signUp(page: Page, who: { name: string; email: string; org: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(who.name);
  await page.getByLabel("Work email").fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill("correct horse 1");
  await page.getByLabel("Organisation name").fill(who.org);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/inbox$/);
}

/** Connects the fake's bot in Settings → Channels; returns the webhook URL and the secret Telegram must echo. */
export async function connectTelegram(page: Page, telegram: TelegramFake, name = "Sales bot") {
  await page.goto("/settings/channels");
  await page.getByRole("button", { name: "Connect channel" }).click();
  await page.getByRole("button", { name: /^Telegram bot/ }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Bot token").fill(telegram.token);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByTestId("channel-connected").waitFor();
  const webhookUrl = await page.locator("#channel-webhook-url").inputValue();
  const secret = await page.locator("#channel-revealed-webhookSecret").inputValue();
  await page.getByRole("button", { name: "Done" }).click();
  return { webhookUrl, secret };
}

/** Dismisses toasts so a picture shows the page, not the last confirmation. */
export async function cleanShot(page: Page, name: string, fullPage = false) {
  await page
    .locator("[data-sonner-toast] [data-close-button]")
    .evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLElement).click()));
  await page
    .locator("[data-sonner-toast]")
    .first()
    .waitFor({ state: "detached", timeout: 3_000 })
    .catch(() => undefined);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

type Look = { theme: "light" | "dark"; locale: "en" | "ru" };
const THEME = { en: { light: "Light", dark: "Dark" }, ru: { light: "Светлая", dark: "Тёмная" } };
const LOCALE = { en: "English", ru: "Русский" };

/** Switches theme and language through the account menu, as a person would. */
export async function setLook(page: Page, from: Look, to: Look) {
  if (from.theme !== to.theme) {
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitemradio", { name: THEME[from.locale][to.theme] }).click();
    await page.keyboard.press("Escape");
  }
  if (from.locale !== to.locale) {
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitemradio", { name: LOCALE[to.locale] }).click();
    await page.keyboard.press("Escape");
    // A language switch re-renders the page from the server; on a loaded machine that takes seconds.
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 15_000 }).toBe(to.locale);
  }
}

/**
 * Screenshots of one screen in EN/RU × light/dark, ending as it started (EN, light). `ready` brings the screen
 * back (e.g. reopens a drawer) and waits for it; `close` takes away whatever would cover the account menu.
 */
export async function shootLooks(
  page: Page,
  name: string,
  ready: () => Promise<void>,
  options: { fullPage?: boolean; close?: () => Promise<void> } = {},
) {
  const { fullPage = false, close } = options;
  let look: Look = { theme: "light", locale: "en" };
  for (const next of [
    { theme: "light", locale: "en" },
    { theme: "dark", locale: "en" },
    { theme: "dark", locale: "ru" },
    { theme: "light", locale: "ru" },
  ] as Look[]) {
    if (look.theme !== next.theme || look.locale !== next.locale) {
      await close?.();
      await setLook(page, look, next);
    }
    look = next;
    await ready();
    await cleanShot(page, `${name}-${next.locale}-${next.theme}`, fullPage);
  }
  await close?.();
  await setLook(page, look, { theme: "light", locale: "en" });
  await ready();
}
