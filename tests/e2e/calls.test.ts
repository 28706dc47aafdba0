import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWav, startBridgeFake } from "../fakes/asterisk-bridge";
import { retellCall, retellWebhook } from "../fakes/retell";
import { startTelegramFake, type TelegramFake } from "../fakes/telegram";
import { cleanShot, connectTelegram, shootLooks, signUp } from "./ai-setup";
import { launchBrowser, newUser } from "./browser";
import { startServer, type TestServer } from "./server";
import * as tg from "./telegram-updates";

/**
 * Telephony in a real browser against the production build: a manager with an extension on seed 001's bridge
 * sees the caller's card pop up while the call rings (and change on answer, go on hang-up), calls a client
 * from the inbox's contact panel, and plays the recording on the Calls page.
 */
describe("telephony: pop-up, click-to-call, the Calls page", () => {
  let server: TestServer;
  let browser: Browser;
  let telegram: TelegramFake;
  let bridge: Awaited<ReturnType<typeof startBridgeFake>>;
  const stamp = Date.now().toString(36);
  const CLIENT_ID = "enterprise-e2e";
  const RETELL_KEY = "key_" + "e2".repeat(16);
  const AGENT = "agent_e2e";
  const maria = { id: 6_620_001, first_name: "Мария", last_name: "Ковалёва", language_code: "ru" };

  beforeAll(async () => {
    telegram = await startTelegramFake({ botUsername: "calls_e2e_bot" });
    bridge = await startBridgeFake({ clientId: CLIENT_ID });
    server = await startServer({ env: { TELEGRAM_API_ROOT: telegram.apiRoot, JOBS_RUNNER: "on" } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await telegram?.close();
    await bridge?.close();
  });

  it("pops the caller's card up on ringing, calls from the contact panel, and plays the recording", async () => {
    const { context, page, errors } = await newUser(browser, server.url);
    await signUp(page, { name: "Vera Voice", email: `vera-calls-${stamp}@example.com`, org: "Callers Ltd" });
    const bot = await connectTelegram(page, telegram);
    expect(
      (await fetch(bot.webhookUrl, tgSigned(bot.secret, tg.text(maria, "Добрый день! Перезвоните мне")))).status,
    ).toBe(200);

    // Settings → Telephony: connect the bridge and give myself extension 101.
    await page.goto("/settings/telephony");
    await page.getByTestId("add-telephony").click();
    await page.getByLabel("Bridge URL").fill(bridge.url);
    await page.getByLabel("Client ID").fill(CLIENT_ID);
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    const webhookUrl = await page.getByLabel("Webhook URL").first().inputValue();
    const secret = await page.getByLabel("Webhook secret (X-Relay-Secret)").inputValue();
    expect(webhookUrl).toBe(`${server.url}/api/webhooks/asterisk/${webhookUrl.split("/").pop()}`);
    await page.getByRole("button", { name: "Done" }).click();
    const ext = page.getByRole("textbox", { name: /^Extension: Vera Voice/ });
    await ext.fill("101");
    await ext.press("Enter");
    await page.getByText("Saved").first().waitFor();
    await page.getByRole("button", { name: "Test" }).click();
    await page.getByTestId("telephony-connection").getByText("Connected").waitFor();
    await cleanShot(page, "telephony-settings");

    // A Retell AI agent too (its webhooks come later).
    const made = await page.request.post("/api/telephony/connections", {
      data: {
        kind: "retell",
        name: "Aria",
        config: { agentId: AGENT, fromNumber: "+14157774444" },
        secrets: { apiKey: RETELL_KEY },
      },
    });
    expect(made.status()).toBe(201);
    const retellId = ((await made.json()) as { id: string }).id;

    // The client's number on the contact, then click-to-call from the inbox's contact panel.
    const inbox = (await (await page.request.get("/api/messaging/inbox")).json()) as {
      items: { id: string; contact: { id: string } }[];
    };
    const contactId = inbox.items[0].contact.id;
    expect(
      (await page.request.patch(`/api/contacts/${contactId}`, { data: { phones: ["+79161234567"] } })).status(),
    ).toBe(200);
    await page.goto(`/inbox?c=${inbox.items[0].id}`);
    const panel = page.getByTestId("contact-panel");
    await panel.getByTestId("click-to-call").first().click();
    await page.getByText("Calling +79161234567").waitFor();
    await expect
      .poll(() => bridge.calls().at(-1)?.query)
      .toEqual({ code: "101", phone: "+79161234567", clientId: CLIENT_ID });

    // A ringing event pops the card up in the open browser, within a second of the bridge's post.
    const post = (body: Record<string, unknown>) =>
      fetch(webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-relay-secret": secret },
        body: JSON.stringify({ callId: `e2e-${stamp}`, phone: "+79161234567", type: "incoming", code: "101", ...body }),
      }).then((r) => expect(r.status).toBe(200));
    await page.goto("/pipeline");
    const popup = page.getByTestId("incoming-call");
    const posted = Date.now();
    await post({ event: "call.incoming" });
    await popup.waitFor({ timeout: 5_000 });
    const latency = Date.now() - posted;
    expect(await popup.getByTestId("incoming-call-name").innerText()).toBe("Мария Ковалёва");
    await popup.getByText("Перезвоните мне").waitFor();
    console.log(`ringing → pop-up in the browser: ${latency} ms`);
    expect(latency).toBeLessThan(1_500);
    await cleanShot(page, "calls-popup-ringing");
    await post({ event: "call.answered" });
    await expect.poll(() => popup.getAttribute("data-status")).toBe("answered");
    const wav = makeWav(1.5);
    await post({
      event: "call.finished",
      status: "completed",
      duration: 42,
      recording: bridge.addRecording(`e2e-${stamp}.wav`, wav),
    });
    await popup.waitFor({ state: "detached", timeout: 5_000 });

    // A missed call from a new number: the card says "new caller".
    await post({ event: "call.incoming", callId: `e2e-new-${stamp}`, phone: "+79035550123" });
    await popup.getByText("New caller").waitFor();
    await post({ event: "call.missed", callId: `e2e-new-${stamp}`, phone: "+79035550123" });
    await popup.waitFor({ state: "detached", timeout: 5_000 });

    // The Calls page: the log, the drawer, the recording streamed through the app and playable.
    await page.goto("/calls");
    const list = page.getByTestId("call-list");
    await list.getByText("Мария Ковалёва").waitFor();
    await list.getByText("Missed").waitFor();
    await list.locator("button").filter({ hasText: "Мария Ковалёва" }).first().click();
    const drawer = page.getByTestId("call-drawer");
    const audio = drawer.getByTestId("call-recording");
    await audio.waitFor();
    const src = (await audio.getAttribute("src"))!;
    expect(src).toMatch(/^\/api\/calls\/[0-9a-f-]+\/recording\?exp=\d+&sig=/);
    expect(src).not.toContain(bridge.url);
    await expect
      .poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1);
    expect(await audio.evaluate((a: HTMLAudioElement) => Math.round(a.duration * 10) / 10)).toBe(1.5);
    const openRow = async (name: string) => {
      if (!(await drawer.isVisible())) await list.locator("button").filter({ hasText: name }).first().click();
      await drawer.waitFor();
    };
    await shootLooks(page, "calls-drawer", () => openRow("Мария Ковалёва"), {
      close: () => page.keyboard.press("Escape"),
    });
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "detached" });

    // An AI call (Retell, signed with the SDK's own signer): its transcript and the score the analysis gave it.
    const call = retellCall({
      callId: `call_e2e_${stamp}`,
      agentId: AGENT,
      from: "+79161239999",
      to: "+14157774444",
      analysis: true,
    });
    for (const event of ["call_ended", "call_analyzed"]) {
      const signed = await retellWebhook(RETELL_KEY, event, call);
      const res = await fetch(`${server.url}/api/webhooks/retell/${retellId}`, {
        method: "POST",
        headers: signed.headers,
        body: signed.body,
      });
      expect(res.status).toBe(200);
    }
    await list.getByTestId("call-score").first().waitFor({ timeout: 20_000 });
    await openRow("+79161239999");
    await drawer.getByTestId("call-transcript").getByText("бюджет 300 тысяч", { exact: false }).waitFor();
    expect(await drawer.getByTestId("call-score").innerText()).toMatch(/^AI \d+$/);
    await shootLooks(page, "calls-ai-transcript", () => openRow("+79161239999"), {
      close: () => page.keyboard.press("Escape"),
    });
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "detached" });
    await shootLooks(page, "calls-log", () => list.waitFor());

    // A phone: the log stacks, the drawer fills the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await list.waitFor();
    await cleanShot(page, "calls-log-phone");
    await list.locator("button").filter({ hasText: "+79161239999" }).first().click();
    await drawer.getByTestId("call-transcript").waitFor();
    await cleanShot(page, "calls-drawer-phone");
    expect(errors).toEqual([]);
    await context.close();
  });
});

function tgSigned(secret: string, update: unknown) {
  return {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
    body: JSON.stringify(update),
  };
}

export type { Page };
