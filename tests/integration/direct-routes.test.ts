import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ChannelRecord } from "@/lib/channels/types";
import { resetEnvCache } from "@/lib/env";
import { directRoute } from "@/lib/server/direct-routes";
import { signedUpdate, startTelegramFake, textUpdate, type TelegramFake } from "../fakes/telegram";
import { inboundParams, twilioWebhook } from "../fakes/twilio-webhooks";
import { describeEachDb } from "../helpers/db";
import { count, createChannel, team, type Person } from "../helpers/inbox";

// server.mjs's webhook path: node:http → lib/server/direct-routes.ts → the same ingest as app/api/webhooks,
// here on a real socket. What it does not take must reach the next handler (Next.js in server.mjs).

const APP_URL = "https://crm.example.com";
let fake: TelegramFake;
let server: Server;
let base: string;
beforeAll(async () => {
  fake = await startTelegramFake();
  process.env.TELEGRAM_API_ROOT = fake.apiRoot;
  process.env.APP_URL = APP_URL;
  resetEnvCache();
  server = createServer((req, res) => {
    if (directRoute(req, res)) return;
    res.writeHead(299, { "content-type": "text/plain" }).end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await fake.close();
  delete process.env.TELEGRAM_API_ROOT;
  delete process.env.APP_URL;
  resetEnvCache();
});

/** A raw request, so the body can be chunked with no Content-Length. */
function post(path: string, headers: Record<string, string>, chunks: (string | Buffer)[]) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method: "POST", headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describeEachDb("direct webhook routes on node:http", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let owner: Person;
  let bot: ChannelRecord;
  beforeAll(async () => {
    ({ owner } = await team(`direct-${tag}`, "Direct"));
    bot = await createChannel(owner, { type: "telegram", name: "Bot", secrets: { botToken: fake.token } });
  });
  const path = () => `/api/webhooks/telegram/${bot.id}`;
  const secret = () => bot.secrets.webhookSecret as string;
  const send = (update: unknown, key = secret()) => {
    const { headers, body } = signedUpdate(key, update as never);
    return post(path(), headers, [body]);
  };

  it("stores a signed update once, even delivered twice at once", async () => {
    const update = textUpdate(`direct ${tag}`, { chatId: 8100 });
    const answers = await Promise.all([send(update), send(update)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(await count("messages", "channel_id = $1 and text = $2", [bot.id, `direct ${tag}`])).toBe(1);
    expect(await count("webhook_events", "channel_id = $1", [bot.id])).toBe(1);
  });

  it("refuses a wrong secret, a malformed body, an unknown channel and oversized bodies, storing nothing", async () => {
    const forged = await send(textUpdate("forged", { chatId: 8101 }), "wrong");
    expect(forged.status).toBe(401);

    const headers = { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret() };
    const malformed = await post(path(), headers, ["{not json"]);
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).error.code).toBe("bad_request");

    const unknown = await post(`/api/webhooks/telegram/00000000-0000-4000-8000-000000000000`, headers, ["{}"]);
    expect(unknown.status).toBe(404);
    expect((await post(`/api/webhooks/telegram/not-a-channel`, headers, ["{}"])).status).toBe(404);

    const big = Buffer.alloc(600 * 1024, "a");
    const declared = await post(path(), { ...headers, "content-length": String(2 * big.length) }, [big, big]);
    expect(declared.status).toBe(413);
    // Chunked, no Content-Length: refused as the bytes pass the limit.
    const chunked = await post(path(), { ...headers, "transfer-encoding": "chunked" }, [big, big, big]);
    expect(chunked.status).toBe(413);

    expect(await count("webhook_events", "channel_id = $1", [bot.id])).toBe(1);
    expect(await count("messages", "text = 'forged'", [])).toBe(0);
  });

  it("checks Twilio's signature against the public URL (APP_URL), not the address it listens on", async () => {
    const accountSid = "AC" + "d1".repeat(16);
    const authToken = "7e".repeat(16);
    const channel = await createChannel(owner, {
      type: "twilio_whatsapp",
      name: "WhatsApp",
      config: { accountSid, from: "whatsapp:+14155238886" },
      secrets: { authToken },
    });
    const params = inboundParams({ accountSid, from: "+79161230000", to: "whatsapp:+14155238886", body: "привет" });
    const url = `/api/webhooks/twilio/${channel.id}`;
    const deliver = async (signedFor: string) => {
      const signed = twilioWebhook({ url: signedFor, authToken, params });
      return post(url, Object.fromEntries(signed.headers), [await signed.text()]);
    };
    expect((await deliver(`${base}${url}`)).status).toBe(403);
    const ok = await deliver(`${APP_URL}${url}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain("<Response");
    expect(await count("messages", "channel_id = $1 and text = 'привет'", [channel.id])).toBe(1);
  });

  it("leaves everything else to the next handler", async () => {
    const other = await post("/api/health", {}, [""]);
    expect(other).toEqual({ status: 299, body: "next" });
    const handshake = await new Promise<number>((resolve) => {
      httpRequest(`${base}${path()}`, (res) => resolve(res.resume().statusCode ?? 0)).end();
    });
    expect(handshake).toBe(299);
  });
});
