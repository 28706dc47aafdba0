import pg from "pg";
import { z } from "zod";
import type { InboundMessage } from "@/lib/channels/types";
import { normalizeMessage } from "./normalize";
import { keySchema } from "./schemas";

/**
 * Reads the dialogs an Evolution API server already stored in its own Postgres (Prisma models without
 * @@map: quoted CamelCase tables, see ../shared/wire/fixtures/evolution/final_state_core_tables.sql) and
 * normalizes them exactly like webhooks, so the inbox stores them through its normal ingest and a re-run
 * stores nothing twice (messages are unique per channel and provider id = key.id).
 *
 * The connection string is a credential: it is never logged, never put in an error message, never
 * stored outside the channel's encrypted secrets.
 */

export type EvolutionImportOptions = {
  connectionString: string;
  instanceName: string;
  /** Only messages at or after this time. */
  since?: Date;
  /** At most this many rows read (the newest are not favoured: rows come oldest first). */
  limit?: number;
  /** Rows fetched per round trip, and the size of each yielded batch before filtering (default 500). */
  batchSize?: number;
  signal?: AbortSignal;
};

export type EvolutionImportBatch = {
  /** Normalized one-to-one dialog messages, oldest first. */
  messages: InboundMessage[];
  /** Rows read in this batch, including the ones that normalize to nothing (reactions, stubs). */
  scanned: number;
  /** Rows in a shape we cannot read (skipped, not fatal): the import's errors. */
  invalid: number;
  /** messageTimestamp (Unix seconds) of the last row read: where a later run with `since` can resume. */
  lastTimestamp: number | null;
};

export class EvolutionImportError extends Error {
  constructor(
    message: string,
    /** True when trying again cannot help (no such instance, bad options); false for an unreachable server. */
    readonly permanent = true,
  ) {
    super(message);
    this.name = "EvolutionImportError";
  }
}

// One "Message" row as pg returns it (jsonb parsed, int4 as number), with the contact's name beside it.
const rowSchema = z.object({
  key: keySchema,
  pushName: z.string().nullable(),
  messageType: z.string(),
  message: z.record(z.string(), z.unknown()).nullable(),
  contextInfo: z.record(z.string(), z.unknown()).nullable(),
  messageTimestamp: z.number().int(),
  contactName: z.string().nullable(),
});

/** Opens the Evolution database without ever echoing the connection string. */
async function connect(connectionString: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString,
    application_name: "relay-crm-import",
    connectionTimeoutMillis: 15_000,
  });
  // An idle client's error (server restart) must not crash the process; the next query throws instead.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    const reason = error instanceof Error ? error.message : "unknown error";
    throw new EvolutionImportError(`could not connect to the Evolution database: ${reason}`, false);
  }
  return client;
}

async function instanceId(client: pg.Client, instanceName: string): Promise<string> {
  const found = await client.query<{ id: string }>(`select id from "Instance" where name = $1`, [instanceName]);
  if (!found.rows[0]) throw new EvolutionImportError(`the Evolution database has no instance named "${instanceName}"`);
  return found.rows[0].id;
}

const positiveInt = (n: number | undefined, name: string) => {
  if (n === undefined) return undefined;
  if (!Number.isInteger(n) || n < 1) throw new EvolutionImportError(`${name} must be a positive integer`);
  return n;
};

/**
 * The instance's one-to-one messages in time order, in batches. One read-only snapshot and one
 * server-side cursor: "Message" has only an ("instanceId") index, so keyset pages would re-sort the
 * whole instance for every page, while a cursor sorts once and streams.
 */
export async function* importEvolutionDialogs(options: EvolutionImportOptions): AsyncGenerator<EvolutionImportBatch> {
  const batchSize = positiveInt(options.batchSize, "batchSize") ?? 500;
  const limit = positiveInt(options.limit, "limit");
  const since = options.since ? Math.floor(options.since.getTime() / 1000) : 0;
  if (!Number.isFinite(since)) throw new EvolutionImportError("since must be a valid date");

  const client = await connect(options.connectionString);
  try {
    await client.query("begin isolation level repeatable read read only");
    const id = await instanceId(client, options.instanceName);
    // DECLARE takes no bind parameters; every inlined value is an escaped literal or a checked integer.
    await client.query(`declare evo_import no scroll cursor for
      select m.key, m."pushName", m."messageType", m.message, m."contextInfo", m."messageTimestamp",
             c."pushName" as "contactName"
        from "Message" m
        left join lateral (
          select ct."pushName" from "Contact" ct
           where ct."instanceId" = m."instanceId"
             and ct."remoteJid" in (m.key->>'remoteJid', m.key->>'remoteJidAlt')
             and ct."pushName" is not null and ct."pushName" <> ''
           order by (ct."remoteJid" like '%@s.whatsapp.net') desc
           limit 1
        ) c on true
       where m."instanceId" = ${client.escapeLiteral(id)}
         and m."messageTimestamp" >= ${since}
         and m.key->>'remoteJid' not like '%@g.us'
         and m.key->>'remoteJid' not like '%@broadcast'
         and m.key->>'remoteJid' not like '%@newsletter'
         and coalesce(m.status, '') <> 'DELETED'
       order by m."messageTimestamp", m.id
       ${limit ? `limit ${limit}` : ""}`);

    for (;;) {
      if (options.signal?.aborted) throw new EvolutionImportError("import aborted", false);
      const { rows } = await client.query(`fetch ${batchSize} from evo_import`);
      if (rows.length === 0) break;
      const messages: InboundMessage[] = [];
      let invalid = 0;
      for (const row of rows) {
        const parsed = rowSchema.safeParse(row);
        // A row Evolution wrote in a shape we do not know is skipped, not fatal: the rest still imports.
        if (!parsed.success) {
          invalid++;
          continue;
        }
        const message = normalizeMessage(parsed.data, parsed.data.contactName);
        if (message) messages.push(message);
      }
      const last = rows[rows.length - 1] as { messageTimestamp?: unknown };
      yield {
        messages,
        scanned: rows.length,
        invalid,
        lastTimestamp: typeof last.messageTimestamp === "number" ? last.messageTimestamp : null,
      };
      if (rows.length < batchSize) break;
    }
    await client.query("commit");
  } finally {
    // Also runs when the consumer stops early (return() on the generator): the snapshot is released.
    await client.end().catch(() => {});
  }
}

/** How many rows an import will read (for a progress bar); same filters as the import. */
export async function countEvolutionMessages(options: Omit<EvolutionImportOptions, "batchSize">): Promise<number> {
  const client = await connect(options.connectionString);
  try {
    const id = await instanceId(client, options.instanceName);
    const since = options.since ? Math.floor(options.since.getTime() / 1000) : 0;
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from "Message" m
        where m."instanceId" = $1 and m."messageTimestamp" >= $2
          and m.key->>'remoteJid' not like '%@g.us' and m.key->>'remoteJid' not like '%@broadcast'
          and m.key->>'remoteJid' not like '%@newsletter' and coalesce(m.status, '') <> 'DELETED'`,
      [id, since],
    );
    const n = Number(rows[0]?.n ?? 0);
    return options.limit ? Math.min(n, options.limit) : n;
  } finally {
    await client.end().catch(() => {});
  }
}
