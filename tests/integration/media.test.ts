import { afterAll, beforeAll, expect, it } from "vitest";
import * as signedMedia from "@/app/api/media/[token]/route";
import * as messageMedia from "@/app/api/messaging/media/[messageId]/[index]/route";
import * as uploadItem from "@/app/api/messaging/uploads/[id]/route";
import * as uploads from "@/app/api/messaging/uploads/route";
import * as send from "@/app/api/messaging/send/route";
import { asService } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { startRunner, type Runner } from "@/lib/jobs";
import type { ChannelRecord } from "@/lib/channels/types";
import { signUploadToken } from "@/lib/inbox/media";
import type { MessageView } from "@/lib/inbox/message-view";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { createChannel, deliver, eventually, postWebhook, team, type Person } from "../helpers/inbox";
import { signedMetaWebhook, startMetaFake, whatsappMessageEvent, type MetaFake } from "../fakes/meta";
import { signedUpdate, startTelegramFake, textUpdate, type TelegramFake } from "../fakes/telegram";

const APP_URL = "https://crm.example.com";
let telegram: TelegramFake;
let meta: MetaFake;
beforeAll(async () => {
  telegram = await startTelegramFake();
  meta = await startMetaFake();
  process.env.TELEGRAM_API_ROOT = telegram.apiRoot;
  process.env.META_GRAPH_API_URL = meta.url;
  // Telegram's webhook is then "public": connect() registers it with the fake instead of long polling.
  process.env.APP_URL = APP_URL;
  resetEnvCache();
});
afterAll(async () => {
  await telegram.close();
  await meta.close();
  delete process.env.TELEGRAM_API_ROOT;
  delete process.env.META_GRAPH_API_URL;
  delete process.env.APP_URL;
  resetEnvCache();
});

type Row = Record<string, unknown>;
const one = async (text: string, values: unknown[]) => (await asService((sql) => sql.query<Row>(text, values)))[0];

function upload(who: Person, bytes: Uint8Array, name: string, type: string) {
  const form = new FormData();
  form.set("file", new File([bytes as BlobPart], name, { type }));
  return uploads.POST(
    new Request("http://localhost:3000/api/messaging/uploads", {
      method: "POST",
      headers: { authorization: `Bearer ${who.token}` },
      body: form,
    }),
    params({}),
  );
}

const getMedia = (who: Person, messageId: string, index: string) =>
  messageMedia.GET(
    jsonRequest(`/api/messaging/media/${messageId}/${index}`, { token: who.token }),
    params({ messageId, index }),
  );

const getSigned = (token: string) => signedMedia.GET(jsonRequest(`/api/media/${token}`), params({ token }));

describeEachDb("inbox media", ({ db }) => {
  const tag = Math.random().toString(36).slice(2, 8);
  let a: Awaited<ReturnType<typeof team>>;
  let b: Awaited<ReturnType<typeof team>>;
  let bot: ChannelRecord;
  let whatsapp: ChannelRecord;
  let runner: Runner;

  beforeAll(async () => {
    a = await team(`media-a-${tag}`, "Stroy");
    b = await team(`media-b-${tag}`, "Rival");
    bot = await createChannel(a.owner, { type: "telegram", name: "Bot", secrets: { botToken: telegram.token } });
    whatsapp = await createChannel(a.owner, {
      type: "whatsapp_cloud",
      name: "WhatsApp",
      config: { phoneNumberId: meta.phoneNumbers[0].id },
      secrets: { appSecret: "app-secret", accessToken: meta.accessToken },
    });
    runner = startRunner({ db: db(), pollMs: 20, backoffMs: 5, maxBackoffMs: 40, stopGraceMs: 200 });
    await runner.ready;
  });
  afterAll(() => runner.stop());

  it("an inbound Telegram photo is served to members with its bytes and type; another organisation gets 404", async () => {
    const bytes = Buffer.from("\xff\xd8\xff fake jpeg bytes", "latin1");
    const file = telegram.addFile(bytes, { filePath: "photos/file_7.jpg", mimeType: "image/jpeg" });
    const update = textUpdate("", { chatId: 5550101 }) as unknown as { message: Record<string, unknown> };
    delete update.message.text;
    update.message.photo = [{ ...file, width: 90, height: 90, file_size: bytes.length }];
    update.message.caption = "this one?";
    const res = await postWebhook("telegram", bot.id, signedUpdate(bot.secrets.webhookSecret as string, update));
    expect(res.status, await res.clone().text()).toBe(200);
    const message = await one(
      "select m.id, m.media from public.messages m join public.conversations c on c.id = m.conversation_id where c.channel_id = $1 and c.thread_id = $2",
      [bot.id, "5550101"],
    );

    const served = await getMedia(a.viewer, message.id as string, "0");
    expect(served.status, await served.clone().text()).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(served.headers.get("content-disposition")).toMatch(/^inline/);
    expect(served.headers.get("cache-control")).toBe("private, max-age=3600");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);

    expect((await getMedia(b.owner, message.id as string, "0")).status).toBe(404);
    expect((await getMedia(a.viewer, message.id as string, "1")).status).toBe(404);
  });

  it("a provider that cannot give the file answers 502 without the bot token", async () => {
    const update = textUpdate("", { chatId: 5550102 }) as unknown as { message: Record<string, unknown> };
    delete update.message.text;
    update.message.document = { file_id: "BQACAgIAAxUnknownFileId", file_unique_id: "AgADx", file_name: "a.pdf" };
    await postWebhook("telegram", bot.id, signedUpdate(bot.secrets.webhookSecret as string, update));
    const message = await one(
      "select m.id from public.messages m join public.conversations c on c.id = m.conversation_id where c.thread_id = $1",
      ["5550102"],
    );
    const res = await getMedia(a.agent, message.id as string, "0");
    expect(res.status).toBe(502);
    expect(await res.text()).not.toContain(telegram.token);
  });

  it("an upload sent through WhatsApp Cloud reaches Meta as a signed link that serves its bytes", async () => {
    meta.reset();
    const inbound = whatsappMessageEvent({ phoneNumberId: meta.phoneNumbers[0].id, from: "79990001122", text: "Hi" });
    const hook = await deliver(
      "meta",
      whatsapp.id,
      signedMetaWebhook(`${APP_URL}/api/webhooks/meta/${whatsapp.id}`, "app-secret", inbound),
    );
    expect(hook.status, await hook.clone().text()).toBe(200);
    const conversation = await one("select id from public.conversations where channel_id = $1", [whatsapp.id]);

    const pdf = Buffer.from("%PDF-1.4 quote for the flat");
    const up = await upload(a.agent, pdf, "Quote №1.pdf", "application/pdf");
    expect(up.status, await up.clone().text()).toBe(201);
    const stored = (await up.json()) as { id: string; size: number; url: string };
    expect(stored.size).toBe(pdf.length);

    const own = await uploadItem.GET(jsonRequest(stored.url, { token: a.viewer.token }), params({ id: stored.id }));
    expect(Buffer.from(await own.arrayBuffer())).toEqual(pdf);
    expect(own.headers.get("content-disposition")).toMatch(/^attachment/);
    const foreign = await uploadItem.GET(jsonRequest(stored.url, { token: b.owner.token }), params({ id: stored.id }));
    expect(foreign.status).toBe(404);
    // Another organisation cannot attach it either.
    const stolen = await send.POST(
      jsonRequest("/api/messaging/send", {
        token: b.agent.token,
        body: { conversationId: conversation.id, media: [{ uploadId: stored.id }] },
      }),
    );
    expect([400, 404]).toContain(stolen.status);

    const res = await send.POST(
      jsonRequest("/api/messaging/send", {
        token: a.agent.token,
        body: { conversationId: conversation.id, media: [{ uploadId: stored.id }] },
      }),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const message = (await res.json()) as MessageView;
    expect(message.type).toBe("document");

    const call = await eventually(async () => meta.sends()[0]);
    const body = call.body as { type: string; document: { link: string; filename: string } };
    expect(body.type).toBe("document");
    expect(body.document.filename).toBe("Quote №1.pdf");
    const link = new URL(body.document.link);
    expect(link.origin).toBe(APP_URL);
    const token = link.pathname.split("/").pop()!;
    const fetched = await getSigned(token);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(pdf);

    // Forged and expired links are refused.
    const forged = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
    expect((await getSigned(forged)).status).toBe(403);
    expect((await getSigned(signUploadToken(stored.id, Date.now() - 2 * 3600_000))).status).toBe(403);
    expect((await getSigned("not-a-token")).status).toBe(403);
  });

  it("refuses an oversized upload (413), a type off the list (400) and a viewer (403)", async () => {
    const big = await upload(a.agent, new Uint8Array(16 * 1024 * 1024 + 1), "big.pdf", "application/pdf");
    expect(big.status).toBe(413);
    const html = await upload(a.agent, Buffer.from("<script>"), "x.html", "text/html");
    expect(html.status).toBe(400);
    const viewer = await upload(a.viewer, Buffer.from("hi"), "a.txt", "text/plain");
    expect(viewer.status).toBe(403);
  });
});
