import { afterAll, beforeAll, expect, it } from "vitest";
import * as signedMedia from "@/app/api/media/[token]/route";
import type { ChannelRecord } from "@/lib/channels/types";
import { resetEnvCache } from "@/lib/env";
import { signedMetaWebhook, startMetaFake, whatsappMessageEvent, type MetaFake } from "../fakes/meta";
import { startOpenAIFake, type OpenAIFake } from "../fakes/openai";
import {
  OPENAI_KEY,
  PROFILE,
  PUBLIC_APP_URL,
  putSettings,
  rows,
  runAfterInbound,
  runOutbox,
  setEnv,
} from "../helpers/assistant";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { createChannel, deliver, team } from "../helpers/inbox";

// WhatsApp audio through the assistant: Meta's media id is resolved and downloaded with the channel's token,
// transcribed, and a voice answer goes back as a WhatsApp audio message whose link serves the synthesized bytes.

let openai: OpenAIFake;
let meta: MetaFake;
beforeAll(async () => {
  openai = await startOpenAIFake({ apiKey: OPENAI_KEY });
  meta = await startMetaFake();
  setEnv({ OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: openai.url, APP_URL: PUBLIC_APP_URL });
  process.env.META_GRAPH_API_URL = meta.url;
  resetEnvCache();
});
afterAll(async () => {
  setEnv({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, APP_URL: undefined, META_GRAPH_API_URL: undefined });
  await Promise.all([openai.close(), meta.close()]);
});

describeEachDb("assistant on WhatsApp Cloud", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let a: Awaited<ReturnType<typeof team>>;
  let whatsapp: ChannelRecord;

  beforeAll(async () => {
    a = await team(`wa-${tag}`, "ПолСтрой");
    whatsapp = await createChannel(a.owner, {
      type: "whatsapp_cloud",
      name: "WhatsApp",
      config: { phoneNumberId: meta.phoneNumbers[0].id },
      secrets: { appSecret: "app-secret", accessToken: meta.accessToken },
    });
    await putSettings(a.owner, {
      profile: PROFILE,
      defaultMode: "auto",
      channels: { [whatsapp.id]: { mode: null, voiceReplies: true } },
    });
  });

  it("transcribes WhatsApp audio and answers with an audio message", async () => {
    const note = Buffer.from("OggS whatsapp voice note");
    const speech = Buffer.from("OggS synthesized whatsapp answer");
    const mediaId = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
    meta.addMedia(mediaId, note, "audio/ogg");
    openai.reset();
    openai.setHandler((req) => {
      if (req.path === "/v1/audio/transcriptions") return { kind: "transcription", text: "Сколько стоит ламинат?" };
      if (req.path === "/v1/audio/speech") return { kind: "speech", bytes: speech, contentType: "audio/ogg" };
      return { kind: "chat", content: "Укладка ламината стоит от 500 ₽ за м²." };
    });
    const event = whatsappMessageEvent({
      phoneNumberId: meta.phoneNumbers[0].id,
      from: "79990003344",
      message: { type: "audio", audio: { id: mediaId, mime_type: "audio/ogg; codecs=opus", voice: true } },
    });
    const url = `${PUBLIC_APP_URL}/api/webhooks/meta/${whatsapp.id}`;
    const hook = await deliver("meta", whatsapp.id, signedMetaWebhook(url, "app-secret", event));
    expect(hook.status, await hook.clone().text()).toBe(200);
    const [inbound] = await rows(
      "select id from public.messages where channel_id = $1 and direction = 'in' order by seq desc limit 1",
      [whatsapp.id],
    );
    await runAfterInbound(inbound.id as string);
    await runOutbox();

    const [stored] = await rows("select transcript from public.messages where id = $1", [inbound.id]);
    expect(stored.transcript).toBe("Сколько стоит ламинат?");
    const upload = openai.requests.find((r) => r.path === "/v1/audio/transcriptions")!;
    expect(Buffer.from((upload.form?.file as { bytes: Uint8Array }).bytes)).toEqual(note);

    const sent = meta.sends().at(-1)!.body as { type: string; audio: { link: string } };
    expect(sent.type).toBe("audio");
    const token = new URL(sent.audio.link).pathname.split("/").pop()!;
    const served = await signedMedia.GET(jsonRequest(`/api/media/${token}`), params({ token }));
    expect(served.headers.get("content-type")).toBe("audio/ogg");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(speech);
  });
});
