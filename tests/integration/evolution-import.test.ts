import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countEvolutionMessages,
  EvolutionImportError,
  importEvolutionDialogs,
  type EvolutionImportOptions,
} from "@/lib/channels/evolution/import";
import type { InboundMessage } from "@/lib/channels/types";
import { createEvolutionDatabase, type EvolutionDatabase, type EvolutionRow } from "@/tests/fakes/evolution";

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
    const instanceId = await evo.addInstance(INSTANCE);
    await evo.addContact(instanceId, irina, "Ирина Петрова");
    await evo.addContact(instanceId, oleg, "Олег");
    await evo.addContact(instanceId, marinaLid, "Marina K.");
    await evo.addMessages(instanceId, dialogRows);
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
