// What storing one delivery costs inside the database, on embedded PGlite (in memory), apart from HTTP:
// private.ingest_batch over 250 deliveries at a time from 2,000 clients (the first 2,000 make contacts).
//   npx tsx bench/ingest/sql-cost.ts [new|old]   "old" puts back the merge-suggestion query of the inbox
//   migration, which scanned all of an organisation's contacts for every new one (the PGlite slowdown).
import { readFileSync } from "node:fs";
import { openPglite } from "@/lib/db/pglite";
import { migrate } from "@/lib/db/migrate";
const mode = process.argv[2] ?? "new";
const db = await openPglite(undefined);
await migrate(db);
const pg = db.pglite;
if (mode === "old") {
  const src = readFileSync("supabase/migrations/20261122010000_inbox.sql", "utf8");
  const start = src.indexOf("create or replace function private.suggest_merges");
  const end = src.indexOf("$$;", start) + 3;
  await pg.exec(src.slice(start, end));
}
const {
  rows: [{ id: org }],
} = await pg.query<{ id: string }>("insert into public.organizations (name) values ('x') returning id");
const {
  rows: [{ id: chan }],
} = await pg.query<{ id: string }>(
  "insert into public.channels (org_id, type, name) values ($1, 'telegram', 'b') returning id",
  [org],
);
let seq = 1;
const jobs = JSON.stringify({
  afterInbound: { name: "inbox.after-inbound", maxAttempts: 5 },
  lateStatus: { name: "inbox.apply-late-status", maxAttempts: 5 },
});
const delivery = () => {
  const n = seq++;
  const c = n % 2000;
  return {
    channelId: chan,
    eventId: String(n),
    mode: "live",
    body: { update_id: n },
    events: [
      {
        kind: "message",
        network: "telegram",
        threadId: String(c),
        providerMessageId: `${n}`,
        type: "text",
        text: "Здравствуйте, сколько стоит",
        preview: "x",
        occurredAt: new Date().toISOString(),
        fromBusiness: false,
        opt: null,
        media: [],
        sender: {
          externalId: String(c),
          name: `Client ${c}`,
          username: `client_${c}`,
          languageCode: "ru",
          phone: null,
        },
      },
    ],
  };
};
for (let round = 0; round < 10; round++) {
  const t0 = performance.now();
  await pg.transaction(async (tx) => {
    await tx.query("select private.ingest_batch($1::jsonb, $2::jsonb)", [
      JSON.stringify(Array.from({ length: 250 }, delivery)),
      jobs,
    ]);
  });
  const ms = performance.now() - t0;
  console.log(
    `${mode} suggest_merges: deliveries ${seq - 250}-${seq - 1} (${seq - 1 <= 2000 ? "new contacts" : "known contacts"}): ${(ms / 250).toFixed(2)} ms each`,
  );
}
await db.close();
