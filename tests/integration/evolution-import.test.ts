import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evolutionAdapter } from "@/lib/channels/evolution";
import { evolutionImport, startEvolutionImport } from "@/lib/channels/evolution/import-job";
import { runEvolutionImport, type EvolutionImportProgress } from "@/lib/channels/evolution/run-import";
import { registerAdapter } from "@/lib/channels/registry";
import { createChannel, loadChannelRecord } from "@/lib/channels/store";
import { asService } from "@/lib/db";
import { ingestParsed } from "@/lib/inbox/ingest";
import { startRunner, type JobRow } from "@/lib/jobs";
import {
  countEvolutionMessages,
  EvolutionImportError,
  importEvolutionDialogs,
  type EvolutionImportOptions,
} from "@/lib/channels/evolution/import";
import type { ChannelRecord, InboundMessage } from "@/lib/channels/types";
import {
  createEvolutionDatabase,
  evolutionWebhookRequest,
  messagesUpsert,
  type EvolutionDatabase,
  type EvolutionRow,
} from "@/tests/fakes/evolution";
import { describeEachDb } from "../helpers/db";
import { createOrgFixture } from "../helpers/seed";

// PGlite cannot be reached over a socket, and the import talks to Evolution's database with `pg`.
const base = process.env.TEST_DATABASE_URL;
const INSTANCE = "crm-main";
const T0 = 1763800000; // 2025-11-22T08:26:40Z

const irina = "79161234567@s.whatsapp.net";
const oleg = "79035550011@s.whatsapp.net";
const marinaLid = "123456789012345@lid";
const marinaPhone = "79261112233@s.whatsapp.net";
const key = (remoteJid: string, id: string, fromMe = false, extra: Record<string, unknown> = {}) => ({
  remoteJid,
  fromMe,
  id,
  ...extra,
});

/** A realistic instance: a renovation company's WhatsApp with a Russian dialog, an English one over LID, noise. */
const dialogRows: EvolutionRow[] = [
  {
    key: key(oleg, "3EB0OLEG0001"),
    pushName: "Олег",
    messageType: "conversation",
    message: { conversation: "Добрый вечер, вы делаете электрику?" },
    messageTimestamp: T0 - 86_400 * 30,
  },
  {
    key: key(irina, "3EB0IRINA001"),
    pushName: "Ирина",
    messageType: "conversation",
    message: { conversation: "Здравствуйте! Сколько стоит ремонт ванной комнаты под ключ?" },
    messageTimestamp: T0,
  },
  {
    key: key(irina, "3EB0IRINA002", true),
    pushName: "Você",
    messageType: "conversation",
    message: { conversation: "Добрый день! Ремонт ванной под ключ — от 180 000 ₽. Какая у вас площадь?" },
    messageTimestamp: T0 + 60,
  },
  {
    key: key(irina, "3EB0IRINA003"),
    pushName: "Ирина",
    messageType: "extendedTextMessage",
    // Evolution rewrites extendedTextMessage to conversation before storing; the quote stays in contextInfo.
    message: { conversation: "Около 5 квадратных метров, бюджет до 250 тысяч" },
    contextInfo: { stanzaId: "3EB0IRINA002", participant: "79990000000@s.whatsapp.net" },
    messageTimestamp: T0 + 120,
  },
  {
    key: key(irina, "3EB0IRINA004"),
    pushName: "Ирина",
    messageType: "audioMessage",
    message: { audioMessage: { mimetype: "audio/ogg; codecs=opus", seconds: 12, ptt: true, fileLength: "20480" } },
    messageTimestamp: T0 + 180,
  },
  {
    key: key(irina, "3EB0IRINA005"),
    pushName: "Ирина",
    messageType: "reactionMessage",
    message: { reactionMessage: { key: key(irina, "3EB0IRINA002", true), text: "👍" } },
    messageTimestamp: T0 + 190,
  },
  {
    key: key(irina, "3EB0IRINA006"),
    pushName: "Ирина",
    messageType: "imageMessage",
    message: { imageMessage: { mimetype: "image/jpeg", caption: "Вот фото текущего состояния", fileLength: "52046" } },
    messageTimestamp: T0 + 200,
  },
  {
    key: key("120363025246125888@g.us", "3EB0GROUP001", false, { participant: irina }),
    pushName: "Ирина",
    messageType: "conversation",
    message: { conversation: "Сообщение в общем чате дома" },
    messageTimestamp: T0 + 210,
  },
  {
    key: key("status@broadcast", "3EB0STATUS01", false, { participant: oleg }),
    pushName: "Олег",
    messageType: "imageMessage",
    message: { imageMessage: { mimetype: "image/jpeg" } },
    messageTimestamp: T0 + 220,
  },
  {
    key: key(irina, "3EB0IRINA007"),
    pushName: "Ирина",
    messageType: "conversation",
    message: { conversation: "(удалено)" },
    status: "DELETED",
    messageTimestamp: T0 + 230,
  },
  {
    key: key(marinaLid, "3EB0MARINA01", false, { remoteJidAlt: marinaPhone, addressingMode: "lid" }),
    pushName: "Marina",
    messageType: "conversation",
    message: { conversation: "Hi! Do you renovate kitchens? What would 12 m² cost?" },
    messageTimestamp: T0 + 300,
  },
  {
    key: key(marinaLid, "3EB0MARINA02", true, { remoteJidAlt: marinaPhone, addressingMode: "lid" }),
    pushName: "Você",
    messageType: "conversation",
    message: { conversation: "Hello Marina! A kitchen of 12 m² starts at 350 000 ₽. Can we call you tomorrow?" },
    messageTimestamp: T0 + 360,
  },
  // A row in a shape the import does not know (no key.id): skipped, the rest still imports.
  {
    key: { remoteJid: irina, fromMe: false },
    messageType: "conversation",
    message: { conversation: "???" },
    messageTimestamp: T0 + 400,
  },
];

describe.skipIf(!base)("Evolution dialog import [postgres]", () => {
  let evo: EvolutionDatabase;
  let options: EvolutionImportOptions;

  beforeAll(async () => {
    evo = await createEvolutionDatabase(base!);
    await seedEvolution(evo);
    // Another instance's dialog in the same database must not leak into this import.
    const other = await evo.addInstance("other-number", "79995554433@s.whatsapp.net");
    await evo.addMessages(other, [
      {
        key: key(irina, "3EB0OTHER001"),
        pushName: "Ирина",
        messageType: "conversation",
        message: { conversation: "Это другой номер" },
        messageTimestamp: T0 + 50,
      },
    ]);
    options = { connectionString: evo.url, instanceName: INSTANCE };
  });
  afterAll(async () => {
    await evo?.drop();
  });

  async function collect(opts: EvolutionImportOptions) {
    const messages: InboundMessage[] = [];
    let scanned = 0;
    let batches = 0;
    for await (const batch of importEvolutionDialogs(opts)) {
      messages.push(...batch.messages);
      scanned += batch.scanned;
      batches++;
    }
    return { messages, scanned, batches };
  }

  it("returns the instance's one-to-one messages, normalized, oldest first, in batches", async () => {
    const { messages, scanned, batches } = await collect({ ...options, batchSize: 3 });
    // 13 rows of the instance minus the group, the status broadcast and the deleted one.
    expect(scanned).toBe(10);
    expect(batches).toBe(4);
    expect(messages.map((m) => m.providerMessageId)).toEqual([
      "3EB0OLEG0001",
      "3EB0IRINA001",
      "3EB0IRINA002",
      "3EB0IRINA003",
      "3EB0IRINA004",
      "3EB0IRINA006",
      "3EB0MARINA01",
      "3EB0MARINA02",
    ]);
    const times = messages.map((m) => m.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const byId = new Map(messages.map((m) => [m.providerMessageId, m]));
    expect(byId.get("3EB0IRINA001")).toEqual({
      kind: "message",
      providerMessageId: "3EB0IRINA001",
      threadId: "79161234567",
      sender: { externalId: "79161234567", phone: "+79161234567", name: "Ирина" },
      occurredAt: new Date(T0 * 1000),
      type: "text",
      text: "Здравствуйте! Сколько стоит ремонт ванной комнаты под ключ?",
      media: [],
      fromBusiness: false,
    });
    // The business's reply from its phone: outbound, filed under the client, named from "Contact".
    expect(byId.get("3EB0IRINA002")).toMatchObject({
      fromBusiness: true,
      threadId: "79161234567",
      sender: { externalId: "79161234567", name: "Ирина Петрова" },
      text: "Добрый день! Ремонт ванной под ключ — от 180 000 ₽. Какая у вас площадь?",
    });
    expect(byId.get("3EB0IRINA003")).toMatchObject({ type: "text", replyToProviderMessageId: "3EB0IRINA002" });
    expect(byId.get("3EB0IRINA004")).toMatchObject({
      type: "voice",
      media: [{ providerMediaId: "3EB0IRINA004", mimeType: "audio/ogg; codecs=opus", durationSec: 12, size: 20480 }],
    });
    expect(byId.get("3EB0IRINA006")).toMatchObject({ type: "image", text: "Вот фото текущего состояния" });
    // LID addressing: the phone from remoteJidAlt, the name from the Contact row kept under the LID.
    expect(byId.get("3EB0MARINA02")).toMatchObject({
      threadId: "79261112233",
      fromBusiness: true,
      sender: { externalId: "79261112233", phone: "+79261112233", name: "Marina K." },
    });
  });

  it("honours since and limit, and counts what it will read", async () => {
    const since = await collect({ ...options, since: new Date(T0 * 1000) });
    expect(since.messages[0].providerMessageId).toBe("3EB0IRINA001");
    expect(since.scanned).toBe(9);
    const limited = await collect({ ...options, limit: 2 });
    expect(limited.messages.map((m) => m.providerMessageId)).toEqual(["3EB0OLEG0001", "3EB0IRINA001"]);
    await expect(countEvolutionMessages(options)).resolves.toBe(10);
    await expect(countEvolutionMessages({ ...options, since: new Date(T0 * 1000), limit: 5 })).resolves.toBe(5);
  });

  it("releases the connection when the consumer stops early", async () => {
    for await (const batch of importEvolutionDialogs({ ...options, batchSize: 1 })) {
      expect(batch.messages).toHaveLength(1);
      break;
    }
    // A leaked snapshot would hold the connection: none is left from this application.
    const { default: pg } = await import("pg");
    const probe = new pg.Client({ connectionString: evo.url });
    await probe.connect();
    await expect
      .poll(async () => {
        const { rows } = await probe.query(
          `select count(*)::int as n from pg_stat_activity where application_name = 'relay-crm-import' and datname = $1`,
          [evo.name],
        );
        return rows[0].n;
      })
      .toBe(0);
    await probe.end();
  });

  it("names an unknown instance and never echoes the connection string", async () => {
    await expect(collect({ ...options, instanceName: "missing" })).rejects.toThrow(
      new EvolutionImportError('the Evolution database has no instance named "missing"'),
    );
    const secretUrl = new URL(evo.url);
    secretUrl.username = "evo_reader";
    secretUrl.password = "s3cr3t-Pa55";
    const error = await collect({ ...options, connectionString: secretUrl.toString() }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(EvolutionImportError);
    expect((error as Error).message).toMatch(/^could not connect to the Evolution database/);
    expect((error as Error).message).not.toContain("s3cr3t-Pa55");
    expect(JSON.stringify(error)).not.toContain("s3cr3t-Pa55");
  });
});

async function seedEvolution(evo: EvolutionDatabase) {
  const instanceId = await evo.addInstance(INSTANCE);
  await evo.addContact(instanceId, irina, "Ирина Петрова");
  await evo.addContact(instanceId, oleg, "Олег");
  await evo.addContact(instanceId, marinaLid, "Marina K.");
  await evo.addMessages(instanceId, dialogRows);
}

// The inbox's database is PGlite or PostgreSQL; Evolution's is always a PostgreSQL server.
describe.skipIf(!base)("Evolution import into the inbox", () => {
  let evo: EvolutionDatabase;
  beforeAll(async () => {
    evo = await createEvolutionDatabase(base!);
    await seedEvolution(evo);
  });
  afterAll(async () => {
    await evo?.drop();
  });

  describeEachDb("runEvolutionImport", () => {
    let channel: ChannelRecord;
    beforeAll(async () => {
      registerAdapter(evolutionAdapter);
      channel = await asService(async (sql) => {
        const org = await createOrgFixture(sql, "Ремонт Плюс");
        const view = await createChannel(sql, org.orgId, {
          type: "evolution",
          name: "WhatsApp",
          config: { baseUrl: "http://127.0.0.1:1", instanceName: INSTANCE },
          secrets: { apiKey: "k", webhookToken: "t".repeat(24) },
          enabled: true,
        });
        return (await loadChannelRecord(sql, view.id))!;
      });
    });

    const countRows = (table: string) =>
      asService(async (sql) => {
        const [row] = await sql.query<{ n: number }>(
          `select count(*)::int as n from public.${table} where org_id = $1`,
          [channel.orgId],
        );
        return row.n;
      });

    it("stores the dialogs once, as history, and a re-run with other batches stores nothing", async () => {
      // A live webhook got one of the messages first: the import must not double it.
      const live = evolutionAdapter.parse(
        channel as never,
        await evolutionWebhookRequest(
          messagesUpsert(INSTANCE, {
            id: "3EB0IRINA001",
            remoteJid: irina,
            pushName: "Ирина",
            messageTimestamp: T0,
            message: { conversation: "Здравствуйте! Сколько стоит ремонт ванной комнаты под ключ?" },
          }),
          { mode: "none" },
        ),
      );
      await expect(ingestParsed(channel, live, {})).resolves.toMatchObject({ messages: [expect.anything()] });

      const seen: EvolutionImportProgress[] = [];
      const first = await runEvolutionImport(channel, evo.url, { batchSize: 3, onProgress: (p) => void seen.push(p) });
      // 10 rows read: 8 dialog messages in 3 conversations (7 new, 1 the webhook stored first), a reaction that
      // normalizes to nothing (skipped with the one already stored), and the row without key.id (an error).
      expect(first).toEqual({
        total: 10,
        scanned: 10,
        stored: 7,
        alreadyStored: 1,
        batches: 4,
        conversations: 3,
        skipped: 2,
        errors: 1,
      });
      expect(seen[0]).toEqual({
        total: 10,
        scanned: 0,
        stored: 0,
        alreadyStored: 0,
        batches: 0,
        conversations: 0,
        skipped: 0,
        errors: 0,
      });
      expect(seen.at(-1)).toEqual(first);

      expect(await countRows("messages")).toBe(8);
      const conversations = await asService((sql) =>
        sql.query<{
          thread_id: string;
          unread_count: number;
          last_message_preview: string;
          last_message_direction: string;
        }>(
          `select thread_id, unread_count, last_message_preview, last_message_direction
             from public.conversations where org_id = $1 order by thread_id`,
          [channel.orgId],
        ),
      );
      expect(conversations).toEqual([
        expect.objectContaining({ thread_id: "79035550011", last_message_direction: "in" }),
        // The live webhook's message counted as unread and is the newest by arrival; the imported history,
        // placed at its own (older) times, adds nothing unread and does not take over the preview.
        expect.objectContaining({
          thread_id: "79161234567",
          unread_count: 1,
          last_message_preview: "Здравствуйте! Сколько стоит ремонт ванной комнаты под ключ?",
        }),
        expect.objectContaining({ thread_id: "79261112233", last_message_direction: "out" }),
      ]);
      const directions = await asService((sql) =>
        sql.query<{ provider_message_id: string; direction: string }>(
          "select provider_message_id, direction from public.messages where org_id = $1 and direction = 'out' order by 1",
          [channel.orgId],
        ),
      );
      expect(directions.map((d) => d.provider_message_id)).toEqual(["3EB0IRINA002", "3EB0MARINA02"]);

      const again = await runEvolutionImport(channel, evo.url, { batchSize: 3 });
      expect(again).toMatchObject({ scanned: 10, stored: 0 });
      const otherBatches = await runEvolutionImport(channel, evo.url, { batchSize: 4 });
      expect(otherBatches).toMatchObject({ scanned: 10, stored: 0, alreadyStored: 8 });
      expect(await countRows("messages")).toBe(8);
      expect(await countRows("conversations")).toBe(3);

      // No follow-up work (AI replies, automations) for imported history: only the live message has one.
      const followUps = await asService((sql) =>
        sql.query<{ n: number }>(
          "select count(*)::int as n from public.jobs where org_id = $1 and name = 'inbox.after-inbound'",
          [channel.orgId],
        ),
      );
      expect(followUps[0].n).toBe(1);
    });

    it("runs as the evolution.import job: the URL from the encrypted secrets, progress recorded", async () => {
      const { id } = await startEvolutionImport(channel.orgId, channel.id, { connectionString: evo.url });
      const stored = await asService((sql) => loadChannelRecord(sql, channel.id, { orgId: channel.orgId }));
      // Merged into the secrets; the API key and webhook token are kept.
      expect(stored!.secrets).toEqual({ apiKey: "k", webhookToken: "t".repeat(24), importDatabaseUrl: evo.url });

      const runner = startRunner({ pollMs: 20, backoffMs: 5, jobs: [evolutionImport] });
      try {
        let job: JobRow | undefined;
        for (let i = 0; i < 500 && !(job && ["succeeded", "failed"].includes(job.status)); i++) {
          await new Promise((r) => setTimeout(r, 20));
          [job] = await asService((sql) => sql.query<JobRow>("select * from public.jobs where id = $1", [id]));
        }
        expect(job).toMatchObject({
          status: "succeeded",
          result: { total: 10, scanned: 10, stored: 0, alreadyStored: 8 },
          progress: { total: 10, scanned: 10, stored: 0 },
        });
        // The jobs row, which members can read, holds the channel id and not the connection string.
        expect(job!.payload).toEqual({ channelId: channel.id });
        expect(JSON.stringify(job)).not.toContain(evo.url);
      } finally {
        await runner.stop();
      }
    });
  });
});
