import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUser, screenshot } from "./browser";
import { startServer, type TestServer } from "./server";

/**
 * Settings → Canned responses & labels in a real browser: an agent edits and deletes their own canned
 * response (and cannot touch the shared one); the owner renames, recolours and deletes a label, by keyboard.
 */
describe("settings: canned responses & labels", () => {
  let server: TestServer;
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const owner = { name: "Olga Owner", email: `olga-cn-${stamp}@example.com`, password: "correct horse 1" };
  const agent = { name: "Anton Agent", email: `anton-cn-${stamp}@example.com`, password: "correct horse 2" };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signUp = async (context: BrowserContext, body: Record<string, string>) => {
    const res = await context.request.post("/api/auth/signup", { data: body });
    expect(res.status(), await res.text()).toBe(201);
  };
  const created = async (res: { status(): number; text(): Promise<string> }) =>
    expect(res.status(), await res.text()).toBe(201);

  it("edits and deletes a canned response and a label", async () => {
    const boss = await newUser(browser, server.url);
    await signUp(boss.context, { ...owner, organizationName: "Northwind Sales" });
    const invite = await boss.context.request.post("/api/team/invitations", {
      data: { email: agent.email, role: "agent" },
    });
    const { url: inviteUrl } = (await invite.json()) as { url: string };
    const colleague = await newUser(browser, server.url);
    await signUp(colleague.context, { ...agent, invitationToken: new URL(inviteUrl).pathname.split("/").pop()! });

    await created(
      await boss.context.request.post("/api/messaging/canned", {
        data: { shortcut: "hours", title: "Working hours", body: "We work 9 to 6.", scope: "organization" },
      }),
    );
    await created(
      await colleague.context.request.post("/api/messaging/canned", {
        data: { shortcut: "hi", title: "Greeting", body: "Hello {{client_name}}!" },
      }),
    );
    await created(await boss.context.request.post("/api/messaging/labels", { data: { name: "VIP", color: "blue" } }));
    await created(
      await boss.context.request.post("/api/messaging/labels", { data: { name: "Wholesale", color: "teal" } }),
    );

    // The agent: their own one can be changed, the shared one only read.
    const page = colleague.page;
    await page.goto("/settings/canned");
    const list = page.getByTestId("canned-list");
    await list.getByText("Greeting").waitFor();
    await expect.poll(() => list.getByRole("listitem").count()).toBe(2);
    expect(await page.getByRole("button", { name: "Edit /hours" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Edit the label VIP" }).count()).toBe(0);

    await page.getByRole("button", { name: "Edit /hi" }).click();
    const title = page.getByLabel("Name");
    expect(await title.inputValue()).toBe("Greeting");
    await title.fill("Warm greeting");
    await page.getByLabel("Text").fill("Good afternoon, {{client_name}}!");
    await title.press("Enter");
    await list.getByText("Warm greeting").waitFor();
    const mine = (await (await colleague.context.request.get("/api/messaging/canned")).json()) as {
      shortcut: string;
      title: string;
      body: string;
      scope: string;
    }[];
    expect(mine.find((c) => c.shortcut === "hi")).toMatchObject({
      title: "Warm greeting",
      body: "Good afternoon, {{client_name}}!",
      scope: "personal",
    });

    await page.getByRole("button", { name: "Delete /hi" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => list.getByRole("listitem").count()).toBe(1);
    const left = (await (await colleague.context.request.get("/api/messaging/canned")).json()) as {
      shortcut: string;
    }[];
    expect(left.map((c) => c.shortcut)).toEqual(["hours"]);

    // The owner: rename and recolour a label with the keyboard, then delete the other one.
    const bp = boss.page;
    await bp.goto("/settings/canned");
    const labels = bp.getByTestId("label-list");
    await labels.getByText("Wholesale").waitFor();
    await bp.setViewportSize({ width: 1440, height: 900 });
    await screenshot(bp, "settings-canned-1440-en");
    // Opened on a phone: the tab row scrolls so this section's tab is in view.
    await bp.setViewportSize({ width: 390, height: 844 });
    await bp.reload();
    await labels.getByText("Wholesale").waitFor();
    const tab = bp.getByRole("link", { name: "Canned responses & labels" });
    await expect
      .poll(async () => (await tab.boundingBox())!.x + (await tab.boundingBox())!.width)
      .toBeLessThanOrEqual(390);
    await screenshot(bp, "settings-canned-390-en");
    await bp.setViewportSize({ width: 1280, height: 800 });

    await bp.getByRole("button", { name: "Edit the label VIP" }).focus();
    await bp.keyboard.press("Enter");
    const name = bp.getByLabel("Name");
    expect(await name.inputValue()).toBe("VIP");
    await name.fill("Key account");
    await bp.getByRole("radio", { name: "Violet" }).click();
    await name.press("Enter");
    await labels.getByText("Key account").waitFor();

    await bp.getByRole("button", { name: "Delete the label Wholesale" }).click();
    await bp.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => labels.getByRole("listitem").count()).toBe(1);
    const now = (await (await boss.context.request.get("/api/messaging/labels")).json()) as unknown[];
    expect(now).toEqual([expect.objectContaining({ name: "Key account", color: "violet" })]);

    // The owner also keeps the shared canned response.
    expect(await bp.getByRole("button", { name: "Edit /hours" }).count()).toBe(1);
    expect([...boss.errors, ...colleague.errors]).toEqual([]);
  });
});
