import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import * as conversationRoute from "@/app/api/messaging/conversations/[id]/route";
import * as send from "@/app/api/messaging/send/route";
import type { ChannelRecord } from "@/lib/channels/types";
import { detectLanguage } from "@/lib/ai/offline";
import { respondToInbound } from "@/lib/assistant/respond";
import { messagesText, type RecordedRequest } from "../fakes/openai";
import { textUpdate } from "../fakes/telegram";
import {
  clientWrites,
  newChatId,
  PROFILE,
  PUBLIC_APP_URL,
  putSettings,
  rows,
  runAfterInbound,
  runOutbox,
  setEnv,
  startMediaServer,
  withAssistantFakes,
} from "../helpers/assistant";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { createChannel, team } from "../helpers/inbox";

const fakes = withAssistantFakes();
let media: Awaited<ReturnType<typeof startMediaServer>>;
beforeAll(async () => {
  media = await startMediaServer();
});
afterAll(() => media.close());

const lastClientText = (req: RecordedRequest) => {
  const messages = (req.json?.messages ?? []) as { role: string; content: string }[];
  return messages.filter((m) => m.role === "user").at(-1)?.content ?? "";
};
/** The model, as far as these tests need one: answers in the language of the client's last message. */
const answerInClientsLanguage = (req: RecordedRequest) =>
  req.path === "/v1/chat/completions"
    ? {
        kind: "chat" as const,
        content:
          detectLanguage(lastClientText(req)) === "ru"
            ? "Укладка ламината стоит от 500 ₽ за м²."
            : "Laminate fitting costs from 500 RUB per m².",
      }
    : undefined;
const replyRequests = () => fakes.openai.requests.filter((r) => r.path === "/v1/chat/completions" && r.json?.tools);
const sentTo = (chatId: number, method = "sendMessage") =>
  fakes.telegram.callsTo(method).filter((c) => Number(c.params.chat_id) === chatId);

describeEachDb("assistant auto-replies", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let a: Awaited<ReturnType<typeof team>>;
  let bot: ChannelRecord;

  beforeAll(async () => {
    a = await team(`auto-${tag}`, "ПолСтрой");
    bot = await createChannel(a.owner, { type: "telegram", name: "Bot", secrets: { botToken: fakes.telegram.token } });
    await putSettings(a.owner, { profile: PROFILE, defaultMode: "auto" });
  });
  beforeEach(() => {
    fakes.openai.reset();
    fakes.openai.setHandler(answerInClientsLanguage);
  });

  it("answers in the client's language through the outbox, and a retried job sends nothing twice", async () => {
    const ru = newChatId();
    const en = newChatId();
    const first = await clientWrites(bot, ru, "Здравствуйте! Сколько стоит укладка ламината?");
    const second = await clientWrites(bot, en, "Hi! How much is laminate fitting?");
    await runAfterInbound(first.messageId);
    await runAfterInbound(second.messageId);
    await runAfterInbound(first.messageId); // a retry of the same job
    await runOutbox();
    await runOutbox();

    expect(sentTo(ru).map((c) => c.params.text)).toEqual(["Укладка ламината стоит от 500 ₽ за м²."]);
    expect(sentTo(en).map((c) => c.params.text)).toEqual(["Laminate fitting costs from 500 RUB per m²."]);
    // The model got the profile's facts, the rule to answer in the client's language, and the client's words.
    const request = replyRequests()[0];
    expect(messagesText(request)).toContain("ПолСтрой");
    expect(messagesText(request)).toMatch(/language the client writes in/);
    expect(lastClientText(request)).toBe("Здравствуйте! Сколько стоит укладка ламината?");

    const out = await rows(
      "select sender_type, status, sender_user_id from public.messages where conversation_id = $1 and direction = 'out'",
      [first.conversationId],
    );
    expect(out).toEqual([{ sender_type: "ai", status: "sent", sender_user_id: null }]);
    const runs = await rows(
      `select kind, engine, outcome, model, prompt_tokens, attempts,
              (select j.name from public.jobs j where j.id = r.job_id) as job
         from public.ai_runs r where message_id = $1`,
      [first.messageId],
    );
    expect(runs).toHaveLength(1);
    // The run names the job that answered: the follow-up of the client's message.
    expect(runs[0].job).toBe("inbox.after-inbound");
    expect(runs[0]).toMatchObject({ kind: "reply", engine: "openai", outcome: "ok", attempts: 1 });
    expect(runs[0].prompt_tokens).toBeGreaterThan(0);
    expect(runs[0].model).toBe("gpt-4.1-mini");
  });

  it("two quick messages get one answer, from the job of the later one", async () => {
    const chat = newChatId();
    const one = await clientWrites(bot, chat, "Добрый день");
    const two = await clientWrites(bot, chat, "Сколько стоит укладка ламината?");
    await runAfterInbound(one.messageId);
    expect(replyRequests()).toHaveLength(0);
    await runAfterInbound(two.messageId);
    await runOutbox();
    expect(sentTo(chat)).toHaveLength(1);
    const history = (replyRequests()[0].json?.messages as { role: string }[]).filter((m) => m.role === "user");
    expect(history).toHaveLength(2);
  });

  it("hand-off flags the conversation, notifies, stops auto-replies; resumeAi brings them back", async () => {
    const chat = newChatId();
    fakes.openai.enqueue(
      { kind: "chat", toolCalls: [{ name: "hand_off", arguments: { reason: "Asks for a discount" } }] },
      { kind: "chat", content: "Передаю ваш вопрос менеджеру." },
    );
    const asked = await clientWrites(bot, chat, "А скидку дадите, если закажу 200 м²?");
    await runAfterInbound(asked.messageId);
    await runOutbox();
    expect(sentTo(chat).map((c) => c.params.text)).toEqual(["Передаю ваш вопрос менеджеру."]);
    const [conv] = await rows(
      "select ai_paused_reason, needs_human, handoff_reason from public.conversations where id = $1",
      [asked.conversationId],
    );
    expect(conv).toEqual({ ai_paused_reason: "handoff", needs_human: true, handoff_reason: "Asks for a discount" });
    const notes = await rows("select kind, user_id, body from public.notifications where conversation_id = $1", [
      asked.conversationId,
    ]);
    expect(notes).toEqual([{ kind: "handoff", user_id: null, body: "Asks for a discount" }]);
    const [run] = await rows("select outcome from public.ai_runs where message_id = $1", [asked.messageId]);
    expect(run.outcome).toBe("handoff");

    const again = await clientWrites(bot, chat, "Ау?");
    await runAfterInbound(again.messageId);
    expect(replyRequests()).toHaveLength(2);

    const patch = await conversationRoute.PATCH(
      jsonRequest(`/api/messaging/conversations/${asked.conversationId}`, {
        method: "PATCH",
        token: a.agent.token,
        body: { resumeAi: true },
      }),
      params({ id: asked.conversationId }),
    );
    const view = await patch.json();
    expect(view).toMatchObject({ aiPausedReason: null, needsHuman: false, effectiveAiMode: "auto" });
    const third = await clientWrites(bot, chat, "Сколько стоит укладка ламината?");
    await runAfterInbound(third.messageId);
    await runOutbox();
    expect(sentTo(chat)).toHaveLength(2);
  });

  it("when OpenAI keeps failing, the job retries, then hands the client to a person instead of going silent", async () => {
    const chat = newChatId();
    fakes.openai.setHandler(() => ({ kind: "error", status: 500, shouldRetry: false }));
    const m = await clientWrites(bot, chat, "Сколько стоит укладка ламината?");
    await expect(runAfterInbound(m.messageId)).rejects.toThrow();
    await expect(runAfterInbound(m.messageId)).rejects.toThrow();
    await runAfterInbound(m.messageId);
    await runOutbox();
    expect(sentTo(chat).map((c) => c.params.text)).toEqual([
      // The profile's working hours tell the client when to expect the answer.
      "Спасибо за вопрос! Передаю его менеджеру — он ответит вам в рабочее время (Пн–Пт 9:00–19:00).",
    ]);
    const runs = await rows("select outcome from public.ai_runs where message_id = $1 order by created_at", [
      m.messageId,
    ]);
    expect(runs.map((r) => r.outcome)).toEqual(["error", "error", "error", "handoff"]);
    const [conv] = await rows("select needs_human, handoff_reason from public.conversations where id = $1", [
      m.conversationId,
    ]);
    expect(conv.needs_human).toBe(true);
    expect(conv.handoff_reason).toMatch(/^The AI provider is failing/);
  });

  it("a voice note that cannot be fetched is retried, then handed to a person untranscribed", async () => {
    const chat = newChatId();
    const update = textUpdate("", { chatId: chat }) as unknown as { message: Record<string, unknown> };
    delete update.message.text;
    update.message.voice = {
      file_id: "AwACAgIAAxkBAAIGone",
      file_unique_id: "AgADg",
      duration: 2,
      mime_type: "audio/ogg",
    };
    const voice = await clientWrites(bot, chat, update as never);
    await expect(runAfterInbound(voice.messageId)).rejects.toThrow(/getFile/);
    await expect(runAfterInbound(voice.messageId)).rejects.toThrow(/getFile/);
    await runAfterInbound(voice.messageId);
    await runOutbox();
    expect(sentTo(chat).map((c) => c.params.text)[0]).toMatch(/менеджеру/);
    expect(replyRequests()).toHaveLength(0);
    const runs = await rows("select kind, outcome from public.ai_runs where message_id = $1 order by created_at", [
      voice.messageId,
    ]);
    expect(runs.map((r) => `${r.kind}:${r.outcome}`)).toEqual([
      "transcription:error",
      "transcription:error",
      "transcription:error",
      "reply:handoff",
    ]);
  });

  it("an agent's own reply pauses auto-replies in that conversation", async () => {
    const chat = newChatId();
    const first = await clientWrites(bot, chat, "Здравствуйте");
    const reply = await send.POST(
      jsonRequest("/api/messaging/send", {
        token: a.agent.token,
        body: { conversationId: first.conversationId, text: "Добрый день! Я менеджер Ольга." },
      }),
    );
    expect(reply.status).toBe(201);
    const [conv] = await rows("select ai_paused_reason from public.conversations where id = $1", [
      first.conversationId,
    ]);
    expect(conv.ai_paused_reason).toBe("agent_reply");
    const next = await clientWrites(bot, chat, "Сколько стоит укладка ламината?");
    await runAfterInbound(next.messageId);
    expect(replyRequests()).toHaveLength(0);
    const ai = await rows("select 1 from public.messages where conversation_id = $1 and sender_type = 'ai'", [
      first.conversationId,
    ]);
    expect(ai).toHaveLength(0);
  });

  it("a voice note is transcribed, the transcript stored, and answered with a voice note (sendVoice)", async () => {
    await putSettings(a.owner, {
      profile: PROFILE,
      defaultMode: "auto",
      channels: { [bot.id]: { mode: null, voiceReplies: true } },
    });
    const chat = newChatId();
    const voiceBytes = Buffer.from("OggS fake opus voice note");
    const file = fakes.telegram.addFile(voiceBytes, { filePath: "voice/file_3.oga", mimeType: "audio/ogg" });
    const update = textUpdate("", { chatId: chat }) as unknown as { message: Record<string, unknown> };
    delete update.message.text;
    update.message.voice = { ...file, duration: 3, mime_type: "audio/ogg", file_size: voiceBytes.length };
    const speech = Buffer.from("OggS synthesized answer");
    fakes.openai.setHandler((req) => {
      if (req.path === "/v1/audio/transcriptions") return { kind: "transcription", text: "Сколько стоит ламинат?" };
      if (req.path === "/v1/audio/speech") return { kind: "speech", bytes: speech, contentType: "audio/ogg" };
      return answerInClientsLanguage(req);
    });
    const voice = await clientWrites(bot, chat, update as never);
    await runAfterInbound(voice.messageId);
    await runAfterInbound(voice.messageId);

    const [stored] = await rows("select transcript from public.messages where id = $1", [voice.messageId]);
    expect(stored.transcript).toBe("Сколько стоит ламинат?");
    const upload = fakes.openai.requests.find((r) => r.path === "/v1/audio/transcriptions")!;
    expect((upload.form?.file as { bytes: Uint8Array }).bytes).toEqual(new Uint8Array(voiceBytes));
    expect(fakes.openai.requests.filter((r) => r.path === "/v1/audio/transcriptions")).toHaveLength(1);
    expect(lastClientText(replyRequests()[0])).toBe("Сколько стоит ламинат?");

    setEnv({ APP_URL: media.url }); // where Telegram (the fake) fetches the signed audio link from
    try {
      await runOutbox();
    } finally {
      setEnv({ APP_URL: PUBLIC_APP_URL });
    }
    const voices = sentTo(chat, "sendVoice");
    expect(voices).toHaveLength(1);
    const attached = String(voices[0].params.voice).replace("attach://", "");
    expect(voices[0].files[attached]).toMatchObject({ fileName: "reply.ogg", bytes: speech });
    expect(sentTo(chat)).toHaveLength(0);
    const [out] = await rows(
      "select type, text, transcript, status from public.messages where conversation_id = $1 and direction = 'out'",
      [voice.conversationId],
    );
    expect(out).toEqual({
      type: "voice",
      text: null,
      transcript: "Укладка ламината стоит от 500 ₽ за м².",
      status: "sent",
    });
    const kinds = await rows("select kind, outcome from public.ai_runs where message_id = $1 order by kind", [
      voice.messageId,
    ]);
    expect(kinds).toEqual([
      { kind: "reply", outcome: "ok" },
      { kind: "speech", outcome: "ok" },
      { kind: "transcription", outcome: "ok" },
    ]);
  });
  it("stops waiting for the model when the job answering is cancelled", async () => {
    const asked = await clientWrites(bot, newChatId(), "Сколько стоит плитка?");
    fakes.openai.enqueue({ kind: "hang" });
    const cancel = new AbortController();
    const [{ org_id: orgId }] = await rows("select org_id from public.messages where id = $1", [asked.messageId]);
    const answering = respondToInbound({
      orgId: orgId as string,
      conversationId: asked.conversationId,
      messageId: asked.messageId,
      job: { id: randomUUID(), signal: cancel.signal },
    });
    await expect.poll(() => replyRequests().length).toBe(1);
    cancel.abort();
    await expect(answering).rejects.toThrow(/abort/i);
    const replies = "select 1 from public.messages where conversation_id = $1 and direction = 'out'";
    expect(await rows(replies, [asked.conversationId])).toEqual([]);
  });
});
