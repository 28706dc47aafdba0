import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanShot, setLook, signUp } from "./ai-setup";
import { headerOverflow, launchBrowser, newUser } from "./browser";
import { startServer, type TestServer } from "./server";

/**
 * Tasks in a real browser against the production build and its in-process job runner: a task due in a few
 * seconds rings the bell when its time comes, its notice opens it on My tasks, the keyboard completes it,
 * My tasks' exports (open, done, in the background) are the API's bytes for the member's own tasks, and
 * the week view books and cancels an appointment in a free slot. Pictured in EN/RU, light/dark, 1440 and 390 px.
 */
type Look = Parameters<typeof setLook>[2];

describe("tasks, reminders and the week view", () => {
  let server: TestServer;
  let browser: Browser;
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    // The test environment keeps runners off; the reminders are this suite's point.
    server = await startServer({ env: { JOBS_RUNNER: "on" } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const task = (page: Page, title: string) => page.getByTestId("task").filter({ hasText: title });

  it("reminds in the bell at the due time, lists My tasks, and books in the week view", async () => {
    const { context, page, errors } = await newUser(browser, server.url);
    await signUp(page, { name: "Tanya Tasks", email: `tanya-${stamp}@example.com`, org: "Reminders Co" });

    // From the sidebar.
    await page.getByRole("link", { name: "Tasks", exact: true }).first().click();
    await page.waitForURL(/\/tasks$/);
    await page.getByRole("heading", { name: "No tasks yet" }).waitFor();

    // Made in the page: one without a due time, one for tomorrow.
    await page.getByTestId("task-new-title").fill("Send the proposal to Olga");
    await page.getByTestId("task-add").click();
    await task(page, "Send the proposal to Olga").waitFor();
    const tomorrow = new Date(Date.now() + 26 * 3600_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    // The form clears itself once the first task is saved; typing before that would be wiped (a slow machine).
    await expect.poll(() => page.getByTestId("task-new-title").inputValue(), { timeout: 15_000 }).toBe("");
    await page.getByTestId("task-new-title").fill("Prepare the contract");
    await page
      .getByTestId("task-new-due")
      .fill(`${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}T10:30`);
    await page.getByTestId("task-add").click();
    await page.getByTestId("tasks-upcoming").getByText("Prepare the contract").waitFor();

    // Due in a few seconds (the form has minutes only, so through the API the page itself uses).
    const res = await page.request.post("/api/tasks", {
      data: { title: "Call Olga back", dueAt: new Date(Date.now() + 4_000).toISOString() },
    });
    expect(res.status()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await task(page, "Call Olga back").waitFor();

    const bell = page.getByTestId("notifications-bell").first();
    await expect.poll(() => bell.getAttribute("aria-label"), { timeout: 20_000 }).toBe("Notifications, 1 unread");
    await bell.click();
    const notice = page.getByTestId("notification").filter({ hasText: "Due now: Call Olga back" });
    await notice.waitFor();
    await expect.poll(() => page.getByTestId("bell-my-tasks").innerText()).toMatch(/My tasks\s*1 overdue/);
    await notice.click();
    await page.waitForURL(new RegExp(`/tasks\\?task=${id}$`));
    const linked = page.locator(`[data-task-id="${id}"]`);
    await expect.poll(() => linked.getAttribute("aria-current")).toBe("true");
    await page.getByTestId("tasks-overdue").getByText("Call Olga back").waitFor();

    // Keyboard: X completes the selected task, J/K move.
    await page.keyboard.press("x");
    await page.getByTestId("tasks-done").getByText("Call Olga back").waitFor();
    await page.keyboard.press("k");
    await page.keyboard.press("j");
    await page.keyboard.press("n");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("task-new-title");
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const stored = (await (await page.request.get(`/api/tasks/${id}`)).json()) as { status: string };
    expect(stored.status).toBe("done");

    // My tasks as CSV: mine only (an unassigned chore is not), open ones, then done ones; the API's bytes each.
    const chore = await page.request.post("/api/tasks", { data: { title: "Unassigned chore", assigneeId: null } });
    expect(chore.status()).toBe(201);
    const apiBytes = async (status: string) => {
      const res = await page.request.get(`/api/tasks/export?assignee=me&status=${status}&delimiter=,`);
      expect(res.status()).toBe(200);
      return Buffer.from(await res.body());
    };
    const titles = (bytes: Buffer) =>
      bytes
        .toString("utf8")
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((line) => line.split(",")[2])
        .sort();
    const exported = async () => {
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("tasks-export").click()]);
      return readFile((await file.path())!);
    };
    const open = await exported();
    expect(open.equals(await apiBytes("open"))).toBe(true);
    expect(titles(open)).toEqual(["Prepare the contract", "Send the proposal to Olga"]);
    await page.getByTestId("tasks-export-status").selectOption("done");
    const done = await exported();
    expect(done.equals(await apiBytes("done"))).toBe(true);
    expect(titles(done)).toEqual(["Call Olga back"]);
    // The done ones in the background: the job's file is the same bytes.
    await page.getByRole("button", { name: "Export in background" }).click();
    const ready = page.getByTestId("background-export-download");
    await ready.getByText(/Download CSV \(1 rows?\)/).waitFor({ timeout: 30_000 });
    const [later] = await Promise.all([page.waitForEvent("download"), ready.click()]);
    expect((await readFile((await later.path())!)).equals(done)).toBe(true);

    // Week view: a client, booked into the first free slot of next week, then cancelled.
    const client = await page.request.post("/api/crm/clients", { data: { name: "Olga Kim", phone: "+79991234567" } });
    expect(client.status()).toBe(201);
    await page.getByTestId("tab-week").click();
    await page.waitForURL(/view=week/);
    await page.getByRole("button", { name: "Next week" }).click();
    await page.getByTestId("free-slot").first().click();
    const dialog = page.getByTestId("book-dialog");
    await dialog.getByTestId("book-search").fill("Olga");
    await dialog.getByRole("button", { name: /Olga Kim/ }).click();
    await dialog.getByTestId("book-confirm").click();
    const booked = page.getByTestId("appointment").filter({ hasText: "Olga Kim" });
    await booked.waitFor();
    await booked.hover();
    await booked.getByTestId("appointment-cancel").click();
    await booked.getByText("Cancelled").waitFor();
    // And a booking that stays, for the pictures.
    await page.getByTestId("free-slot").nth(2).click();
    await dialog.getByTestId("book-search").fill("Olga");
    await dialog.getByRole("button", { name: /Olga Kim/ }).click();
    await dialog.getByTestId("book-confirm").click();
    await expect.poll(() => page.getByTestId("appointment").count()).toBe(2);
    expect(errors).toEqual([]);

    // Every look at both widths; the account menu (theme, language) is on the desktop sidebar.
    const screens: [string, () => Promise<void>][] = [
      [
        "tasks-week",
        async () => {
          await page.goto("/tasks?view=week");
          await page.getByRole("button", { name: /^(Next week|Следующая неделя)$/ }).click();
          await page.getByTestId("appointment").first().waitFor();
        },
      ],
      [
        "tasks-my",
        async () => {
          await page.goto("/tasks");
          await page.getByTestId("tasks-done").waitFor();
        },
      ],
    ];
    let look: Look = { theme: "light", locale: "en" };
    for (const next of [
      { theme: "light", locale: "en" },
      { theme: "dark", locale: "en" },
      { theme: "dark", locale: "ru" },
      { theme: "light", locale: "ru" },
    ] as Look[]) {
      await page.setViewportSize({ width: 1440, height: 900 });
      await setLook(page, look, next);
      look = next;
      for (const [name, ready] of screens) {
        for (const width of [1440, 390]) {
          await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
          await ready();
          // The header's tabs and exports wrap on a phone rather than run off it.
          expect(await headerOverflow(page)).toEqual([]);
          await cleanShot(page, `${name}-${next.locale}-${next.theme}-${width}`);
        }
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await setLook(page, look, { theme: "light", locale: "en" });
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
