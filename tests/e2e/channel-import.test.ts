import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createEvolutionDatabase,
  startEvolutionFake,
  type EvolutionDatabase,
  type EvolutionFake,
} from "../fakes/evolution";
import { cleanShot, signUp } from "./ai-setup";
import { launchBrowser, newUser } from "./browser";
import { startServer, type TestServer } from "./server";

/**
 * An Evolution import as a new user meets it in Settings → Channels: saving the import database offers "Import
 * now"; an instance the Evolution database does not have fails with that reason, on the channel and through GET of
 * the job; once the instance is there, "Import now" in the channel's row imports and shows the counts.
 * Evolution's database is a real PostgreSQL (TEST_DATABASE_URL); the Evolution API is the local fake.
 */
const base = process.env.TEST_DATABASE_URL;
describe.skipIf(!base)("Evolution import in Settings → Channels", () => {
  const INSTANCE = "sales-wa";
  const API_KEY = "evo-global-key-0123456789";
  let server: TestServer;
  let browser: Browser;
  let evolution: EvolutionFake;
  let evo: EvolutionDatabase;

  beforeAll(async () => {
    evolution = await startEvolutionFake({ apiKey: API_KEY, instanceName: INSTANCE });
    evo = await createEvolutionDatabase(base!);
    // The database holds another instance only, at first.
    await evo.addInstance("other-number");
    server = await startServer({ env: { JOBS_RUNNER: "on", OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await evolution?.close();
    await evo?.drop();
  });

  it("shows a failed import with its reason, then imports with Import now", async () => {
    const { page, errors } = await newUser(browser, server.url);
    await signUp(page, {
      name: "Ilya Importer",
      email: `ilya-import-${Date.now().toString(36)}@example.com`,
      org: "Evo Imports",
    });
    await page.goto("/settings/channels");
    await page.getByRole("button", { name: "Connect channel" }).click();
    await page.getByRole("button", { name: /^WhatsApp via Evolution API/ }).click();
    await page.getByLabel("Name", { exact: true }).fill("WhatsApp sales");
    await page.getByLabel("Server address").fill(evolution.url);
    await page.getByLabel("Instance name").fill(INSTANCE);
    await page.getByLabel("API key", { exact: true }).fill(API_KEY);
    await page.getByText("Advanced settings").click();
    await page.getByLabel("Evolution database for import").fill(evo.url);
    await page.getByRole("button", { name: "Connect", exact: true }).click();

    // Saved: the dialog offers the import of the existing dialogs.
    const offer = page.getByTestId("channel-offer-import");
    await offer.getByText("The Evolution database is saved. Import its existing dialogs now?").waitFor();
    await offer.getByRole("button", { name: "Import now" }).click();
    const failure = offer.getByTestId("channel-import-status");
    await failure.filter({ hasText: "Import failed" }).waitFor({ timeout: 15_000 });
    expect(await failure.textContent()).toBe(
      `Import failed: the Evolution database has no instance named "${INSTANCE}"`,
    );
    await cleanShot(page, "channel-import-failed-dialog");
    await page.getByRole("button", { name: "Done" }).click();

    // The channel's row keeps showing it after a reload, and the API says the same.
    await page.reload();
    const row = page.getByTestId("channel-WhatsApp sales");
    await row
      .getByTestId("channel-import-status")
      .filter({ hasText: `Import failed: the Evolution database has no instance named "${INSTANCE}"` })
      .waitFor();
    const channels = (await (await page.request.get(`${server.url}/api/channels`)).json()) as { id: string }[];
    const channelId = channels[0].id;
    const latest = (await (await page.request.get(`${server.url}/api/channels/${channelId}/import`)).json()) as {
      import: { jobId: string; status: string; error: string };
    };
    expect(latest.import).toMatchObject({
      status: "failed",
      error: `the Evolution database has no instance named "${INSTANCE}"`,
    });
    const byId = await page.request.get(`${server.url}/api/channels/${channelId}/import/${latest.import.jobId}`);
    expect(byId.status()).toBe(200);
    expect(await byId.json()).toEqual(latest.import);
    await cleanShot(page, "channel-import-failed-row");

    // The instance appears in Evolution's database: Import now in the row imports its dialog.
    const instanceId = await evo.addInstance(INSTANCE);
    const jid = "79161234567@s.whatsapp.net";
    await evo.addMessages(instanceId, [
      {
        key: { remoteJid: jid, fromMe: false, id: "3EB0E2E00001" },
        pushName: "Ирина",
        messageType: "conversation",
        message: { conversation: "Здравствуйте! Сколько стоит ремонт ванной?" },
        messageTimestamp: 1763800000,
      },
      {
        key: { remoteJid: jid, fromMe: true, id: "3EB0E2E00002" },
        pushName: "Você",
        messageType: "conversation",
        message: { conversation: "Добрый день! От 180 000 ₽." },
        messageTimestamp: 1763800060,
      },
    ]);
    await row.getByRole("button", { name: "Import now" }).click();
    await row
      .getByTestId("channel-import-status")
      .filter({ hasText: "Last import: 1 conversation, 2 messages imported, 0 skipped, 0 errors" })
      .waitFor({ timeout: 15_000 });
    await cleanShot(page, "channel-import-succeeded-row");
    expect(errors).toEqual([]);
  });
});
