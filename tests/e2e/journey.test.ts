import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUser, screenshot, setAccessCookie } from "./browser";
import { startServer, type TestServer } from "./server";

/**
 * The first-day journey of a sales team, in a real browser against the production build: an owner signs
 * up, invites a colleague by link, the colleague joins, roles change, sessions end and resume, the UI
 * switches language and theme, and an API key works until it is revoked.
 */
describe("sign-up, team and API keys journey", () => {
  let server: TestServer;
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const owner = { name: "Olga Owner", email: `olga-${stamp}@example.com`, password: "correct horse 1" };
  const agent = { name: "Boris Agent", email: `boris-${stamp}@example.com`, password: "battery staple 2" };
  const org = "Northwind Sales";

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shellReady = async (page: Page) => {
    await page.getByTestId("sidebar").waitFor();
    await expect.poll(() => page.getByTestId("org-switcher").innerText()).toContain(org);
  };

  it("works end to end", async () => {
    const a = await newUser(browser, server.url);
    const pageA = a.page;

    // Signed out, the app sends you to sign in and remembers where you were going.
    await pageA.goto("/inbox");
    await pageA.waitForURL(/\/sign-in\?next=%2Finbox/);
    await pageA.getByRole("link", { name: "Create an account" }).click();
    await pageA.waitForURL(/\/sign-up/);
    await pageA.getByLabel("Your name").fill(owner.name);
    await pageA.getByLabel("Work email").fill(owner.email);
    await pageA.getByLabel("Password", { exact: true }).fill(owner.password);
    await pageA.getByLabel("Organisation name").fill(org);
    await screenshot(pageA, "sign-up");
    await pageA.getByRole("button", { name: "Create account" }).click();
    await pageA.waitForURL(/\/inbox$/);
    await shellReady(pageA);
    for (const label of ["Inbox", "Pipeline", "Leads", "Contacts", "Calls", "Analytics", "Automations", "Settings"])
      await expect(
        pageA.getByRole("navigation").getByRole("link", { name: label, exact: true }).isVisible(),
      ).resolves.toBe(true);
    expect(await pageA.getByTestId("org-switcher").innerText()).toContain("Owner");
    await pageA.getByRole("heading", { name: "Your client conversations will land here" }).waitFor();
    await screenshot(pageA, "shell-light");

    // G then S jumps to settings; the Team tab has the invite form.
    await pageA.locator("body").press("g");
    await pageA.locator("body").press("s");
    await pageA.waitForURL(/\/settings\/profile$/);
    await pageA.getByRole("link", { name: "Team", exact: true }).click();
    await pageA.waitForURL(/\/settings\/team$/);
    await pageA.getByLabel("Email", { exact: true }).fill(agent.email);
    await pageA.locator("#invite-role").click();
    await pageA.getByRole("option", { name: /^Agent/ }).click();
    await pageA.getByRole("button", { name: "Create invite link" }).click();
    const linkField = pageA.locator("#invite-link");
    await linkField.waitFor();
    const inviteUrl = await linkField.inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${server.url}/invite/[\\w-]+$`));
    await a.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    await pageA.getByRole("button", { name: "Copy link" }).click();
    await pageA
      .getByText(/Link copied/)
      .first()
      .waitFor();
    expect(await pageA.evaluate(() => navigator.clipboard.readText())).toBe(inviteUrl);
    await pageA.getByTestId("invitations-list").getByText(agent.email).waitFor();

    // The colleague opens the link in their own browser and creates an account.
    const b = await newUser(browser, server.url);
    const pageB = b.page;
    await pageB.goto(inviteUrl);
    await pageB.getByRole("heading", { name: `Join ${org} on Relay` }).waitFor();
    expect(await pageB.getByLabel("Work email").inputValue()).toBe(agent.email);
    await screenshot(pageB, "invite");
    await pageB.getByLabel("Your name").fill(agent.name);
    await pageB.getByLabel("Password", { exact: true }).fill(agent.password);
    await pageB.getByRole("button", { name: "Create account and join" }).click();
    await pageB.waitForURL(/\/inbox$/);
    await shellReady(pageB);
    expect(await pageB.getByTestId("org-switcher").innerText()).toContain("Agent");

    // The owner sees the new member (live; a reload is the fallback) and makes them a manager.
    const row = pageA.getByTestId(`member-${agent.email}`);
    try {
      await row.waitFor({ timeout: 5_000 });
    } catch {
      console.warn("the new member did not appear live; reloading");
      await pageA.reload();
      await row.waitFor();
    }
    await pageA.getByTestId("invitations-list").waitFor({ state: "detached" });
    await screenshot(pageA, "team");
    await row.getByRole("combobox").click();
    await pageA.getByRole("option", { name: /^Manager/ }).click();
    await pageA.getByText(`${agent.name} is now Manager`).waitFor();
    await pageA.reload();
    await expect.poll(() => row.getByRole("combobox").innerText()).toBe("Manager");

    // The colleague signs out, mistypes the password, then gets it right.
    await pageB.getByTestId("user-menu").click();
    await pageB.getByRole("menuitem", { name: "Sign out" }).click();
    await pageB.waitForURL(/\/sign-in$/);
    await pageB.getByLabel("Work email").fill(agent.email);
    await pageB.getByLabel("Password", { exact: true }).fill("not the password");
    await pageB.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => pageB.locator("form [role=alert]").innerText()).toBe("Invalid email or password.");
    await pageB.getByLabel("Password", { exact: true }).fill(agent.password);
    await pageB.getByRole("button", { name: "Sign in" }).click();
    await pageB.waitForURL(/\/inbox$/);
    await shellReady(pageB);
    expect(await pageB.getByTestId("org-switcher").innerText()).toContain("Manager");

    // Russian, remembered across reloads.
    await pageB.getByTestId("user-menu").click();
    await pageB.getByRole("menuitemradio", { name: "Русский" }).click();
    await pageB.getByRole("navigation").getByRole("link", { name: "Входящие" }).waitFor();
    await pageB.keyboard.press("Escape");
    await pageB.reload();
    await pageB.getByRole("navigation").getByRole("link", { name: "Воронка" }).waitFor();
    expect(await pageB.locator("html").getAttribute("lang")).toBe("ru");
    await pageB.getByRole("heading", { name: "Здесь появятся переписки с клиентами" }).waitFor();
    await screenshot(pageB, "shell-ru");

    // An expired access token on a page load: the proxy refreshes and the page comes back.
    await setAccessCookie(b.context, server.url, "expired.token.value");
    await pageB.goto("/settings/profile");
    await pageB.waitForURL(/\/settings\/profile$/);
    await pageB.getByRole("heading", { name: "Профиль" }).waitFor();
    await screenshot(pageB, "profile-ru");

    // A manager sees the team but cannot change roles or invite.
    await pageB.getByRole("link", { name: "Команда" }).click();
    await pageB.getByTestId(`member-${owner.email}`).waitFor();
    expect(await pageB.getByTestId("members-table").getByRole("combobox").first().isDisabled()).toBe(true);
    expect(await pageB.locator("#invite-email").count()).toBe(0);

    // API keys: the secret is shown once, works as a bearer token, and stops working when revoked.
    await pageA.getByRole("link", { name: "API keys" }).click();
    await pageA.waitForURL(/\/settings\/api-keys$/);
    await pageA.getByRole("heading", { name: "No API keys yet" }).waitFor();
    // The next request meets an expired session: the client refreshes once and retries, invisibly.
    await setAccessCookie(a.context, server.url, "expired.token.value");
    await pageA.getByRole("button", { name: "Create API key" }).first().click();
    await pageA.getByLabel("Name", { exact: true }).fill("Website form");
    await pageA.getByRole("button", { name: "Create key" }).click();
    const secretField = pageA.locator("#api-key-secret");
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^rk_/);
    await screenshot(pageA, "api-key-secret");
    await pageA.getByRole("button", { name: "I’ve saved it" }).click();
    await secretField.waitFor({ state: "detached" });
    expect(await pageA.content()).not.toContain(secret);

    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { organization: { name: string } }).organization.name).toBe(org);

    const keyRow = pageA.getByTestId("api-key-Website form");
    await keyRow.getByRole("button", { name: "Revoke Website form" }).click();
    await pageA.getByRole("button", { name: "Revoke key" }).click();
    await keyRow.getByText("Revoked").waitFor();
    const after = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(after.status).toBe(401);

    // The owner removes the colleague; the colleague's open page follows (live, or on the next load).
    await pageA.getByRole("link", { name: "Team", exact: true }).click();
    await row.getByRole("button", { name: `Remove ${agent.name}` }).click();
    await pageA.getByRole("button", { name: "Remove member" }).click();
    await row.waitFor({ state: "detached" });
    // Followed live, the page says whose organisation dropped them; a fresh load may only know there is none.
    const noOrg = pageB.getByRole("heading", {
      name: new RegExp(`Вас удалили из организации «${org}»|Вы не состоите ни в одной организации`),
    });
    try {
      await noOrg.waitFor({ timeout: 5_000 });
    } catch {
      console.warn("the removed member's page did not follow live; reloading");
      await pageB.reload();
      await noOrg.waitFor();
    }

    // A page left open renews its session shortly before the access token expires.
    const renewed = pageA.waitForResponse(
      (r) => r.url().endsWith("/api/auth/refresh") && r.request().method() === "POST",
    );
    await pageA.evaluate(() => {
      localStorage.setItem("relay-session-expires-at", String(Math.floor(Date.now() / 1000) + 60));
      window.dispatchEvent(new Event("focus"));
    });
    expect((await renewed).status()).toBe(200);

    // A second organisation: created from the switcher, then switched away from and back.
    await pageA.goto("/inbox");
    await shellReady(pageA);
    await pageA.getByTestId("org-switcher").click();
    await pageA.getByRole("menuitem", { name: "Create organisation" }).click();
    await pageA.getByLabel("Organisation name").fill("Southwind Support");
    await pageA.getByRole("button", { name: "Create and switch" }).click();
    await expect.poll(() => pageA.getByTestId("org-switcher").innerText()).toContain("Southwind Support");
    await pageA.getByTestId("org-switcher").click();
    await pageA.getByRole("menuitem", { name: new RegExp(org) }).click();
    await expect.poll(() => pageA.getByTestId("org-switcher").innerText()).toContain(org);
    await pageA.getByText(`Switched to ${org}`).waitFor();

    // Dark theme, remembered and applied before the first paint of the next load.
    await pageA.getByTestId("user-menu").click();
    await pageA.getByRole("menuitemradio", { name: "Dark" }).click();
    await pageA.keyboard.press("Escape");
    await pageA.reload({ waitUntil: "domcontentloaded" });
    expect(await pageA.locator("html").getAttribute("class")).toContain("dark");
    await shellReady(pageA);
    await screenshot(pageA, "shell-dark");
    await pageA.goto("/settings/api-keys");
    await pageA.getByTestId("api-keys-table").waitFor();
    await screenshot(pageA, "api-keys-dark");

    // A phone: the sidebar becomes a sheet behind the menu button.
    await pageA.setViewportSize({ width: 390, height: 844 });
    await pageA.getByRole("button", { name: "Open navigation" }).click();
    await pageA.getByRole("dialog").getByRole("link", { name: "Inbox" }).waitFor();
    await screenshot(pageA, "shell-mobile-dark");

    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
