// `npm start` / `npm run serve`: the Next.js app on one node:http server. Provider webhooks are answered by
// lib/server/direct-routes.ts before Next.js's router (registered by instrumentation.ts once the database
// is ready): the same handler as app/api/webhooks, without the framework's per-request cost, so a busy
// WhatsApp number's ~1,000 events/s fit on a small machine. Everything else is Next.js as `next start` runs it.
//   PORT (3000), HOST (all interfaces)
import http from "node:http";
import next from "next";

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || undefined;
const app = next({ dev: false, port, hostname: host ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

// Requests being answered, live streams (/api/realtime) aside: a stop lets them finish.
let answering = 0;
const server = http.createServer((req, res) => {
  if (!req.url?.startsWith("/api/realtime")) {
    answering++;
    res.once("close", () => answering--);
  }
  if (globalThis.__relayDirectRoute?.(req, res)) return;
  void handle(req, res);
});
server.listen(port, host, () => console.log(`▲ Relay CRM ready on http://${host ?? "localhost"}:${port}`));

// On SIGTERM (a deploy, a scale-down) no new connections; what is in flight is answered, for up to 5 s, so a
// webhook whose batch committed still hears 200 instead of being delivered again.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close();
    server.closeIdleConnections();
    const until = Date.now() + 5_000;
    setInterval(() => (answering === 0 || Date.now() > until) && process.exit(0), 20);
  });
}
