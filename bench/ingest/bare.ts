// The floor without Next.js: node:http reading the body and doing the floor route's INSERT in the same
// service transaction through lib/db. What the database and Node can do on this machine, framework aside.
//   tsx bench/ingest/bare.ts <port> <databaseUrl>
import http from "node:http";
import { openPostgres } from "@/lib/db/postgres";

const [port, databaseUrl] = process.argv.slice(2);
const db = openPostgres(databaseUrl);

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const channelId = new URL(req.url ?? "/", "http://x").searchParams.get("channelId");
    db.transaction(
      (sql) =>
        sql.query(
          `insert into public.webhook_events (org_id, channel_id, event_id, payload)
         select org_id, id, gen_random_uuid()::text, $2::jsonb from public.channels where id = $1`,
          [channelId, Buffer.concat(chunks).toString()],
        ),
      { role: "service_role", "request.jwt.claims": JSON.stringify({ role: "service_role" }) },
    ).then(
      () => res.writeHead(200, { "content-type": "application/json" }).end("{}"),
      (error: Error) => res.writeHead(500).end(error.message),
    );
  });
});
server.listen(Number(port), "127.0.0.1", () => process.send?.("listening"));
process.on("disconnect", () => {
  server.close();
  void db.close();
});
