import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import * as messagesRoute from "@/app/api/messaging/messages/route";
import type { ChannelRecord } from "@/lib/channels/types";
import type { MessageView } from "@/lib/inbox/message-view";
import { startTelegramFake, type TelegramFake } from "../fakes/telegram";
import {
  clientWrites,
  newChatId,
  PUBLIC_APP_URL,
  putSettings,
  rows,
  runAfterInbound,
  runOutbox,
  setEnv,
} from "../helpers/assistant";
import { describeEachDb } from "../helpers/db";
import { jsonRequest } from "../helpers/http";
import { createChannel, team } from "../helpers/inbox";

// Without OPENAI_API_KEY, in auto mode: the offline engine does what the OpenAI path's tools do (call-back
// task, booking from the free slots, hand-off), sends only confident answers, and keeps its why with each
// AI message.

const RENOVATION = {
  company: "РемСтрой",
  services: [
    { name: "Ремонт санузла под ключ", price: "от 180 000 ₽" },
    { name: "Ремонт кухни", price: "от 250 000 ₽" },
    { name: "Укладка ламината", price: "от 500 ₽/м²" },
  ],
  workingHours: "Пн–Сб 9:00–20:00",
  serviceArea: "Москва, Балашиха, Реутов",
  faq: [{ q: "Выезд замерщика платный?", a: "Замер бесплатный в пределах зоны выезда." }],
};

let telegram: TelegramFake;
beforeAll(async () => {
  telegram = await startTelegramFake();
  setEnv({ OPENAI_API_KEY: undefined, TELEGRAM_API_ROOT: telegram.apiRoot, APP_URL: PUBLIC_APP_URL });
});
afterAll(async () => {
  setEnv({ TELEGRAM_API_ROOT: undefined, APP_URL: undefined });
  await telegram.close();
});
const sentTo = (chatId: number) =>
  telegram
    .callsTo("sendMessage")
    .filter((c) => Number(c.params.chat_id) === chatId)
    .map((c) => String(c.params.text));

describeEachDb("assistant offline engine in auto mode", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let a: Awaited<ReturnType<typeof team>>;
  let bot: ChannelRecord;

  beforeAll(async () => {
    a = await team(`offline-${tag}`, "РемСтрой");
    bot = await createChannel(a.owner, { type: "telegram", name: "Bot", secrets: { botToken: telegram.token } });
    await putSettings(a.owner, {
      profile: RENOVATION,
      defaultMode: "auto",
      // Every day, all day, so the test finds free slots whatever the hour it runs at.
      availability: { timezone: "UTC", days: [1, 2, 3, 4, 5, 6, 7], from: "00:00", to: "23:00", slotMinutes: 60 },
    });
  });
  beforeEach(() => telegram.reset());

  const thread = async (conversationId: string) => {
    const res = await messagesRoute.GET(
      jsonRequest(`/api/messaging/messages?conversationId=${conversationId}`, { token: a.agent.token }),
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: MessageView[] }).items.toReversed();
  };

  it("answers the service asked about, and shows the agent why (intent, confidence, the profile fact)", async () => {
    const chat = newChatId();
    const m = await clientWrites(bot, chat, "Сколько стоит ремонт ванной?");
    await runAfterInbound(m.messageId);
    await runOutbox();
    expect(sentTo(chat)).toEqual(["Ремонт санузла под ключ — от 180 000 ₽."]);
    const ai = (await thread(m.conversationId)).find((x) => x.senderType === "ai");
    expect(ai?.aiExplanation).toMatchObject({
      engine: "offline",
      intent: "price",
      decision: "answered",
      fact: { type: "service", text: "Ремонт санузла под ключ: от 180 000 ₽" },
    });
    expect(ai?.aiExplanation?.confidence).toBeGreaterThanOrEqual(0.75);
    // An English client is matched to the Russian-named service, the figures quoted as written.
    const en = newChatId();
    const e = await clientWrites(bot, en, "How much is laminate fitting?");
    await runAfterInbound(e.messageId);
    await runOutbox();
    expect(sentTo(en)).toEqual(["Укладка ламината: from 500 ₽/m²."]);
  });

  it("a call-back request gets the task the OpenAI tool makes and a confirmation naming the number", async () => {
    const chat = newChatId();
    const m = await clientWrites(bot, chat, "Перезвоните мне, +375 29 123-45-67, Олег");
    await runAfterInbound(m.messageId);
    await runOutbox();
    expect(sentTo(chat)).toEqual([
      "Хорошо! Менеджер перезвонит вам по номеру +375 29 123-45-67 в ближайшее рабочее время.",
    ]);
    const tasks = await rows("select kind, phone, source, status, notes from public.tasks where conversation_id = $1", [
      m.conversationId,
    ]);
    expect(tasks).toEqual([
      {
        kind: "callback",
        phone: "+375 29 123-45-67",
        source: "assistant",
        status: "open",
        notes: "Перезвоните мне, +375 29 123-45-67, Олег",
      },
    ]);
    const notes = await rows("select kind from public.notifications where conversation_id = $1", [m.conversationId]);
    expect(notes).toEqual([{ kind: "callback" }]);

    // A time without a number: the task keeps the time, the client is asked for the number.
    const later = newChatId();
    const t = await clientWrites(bot, later, "Перезвоните завтра утром");
    await runAfterInbound(t.messageId);
    await runOutbox();
    expect(sentTo(later)[0]).toMatch(/^Хорошо! Менеджер перезвонит вам завтра утром\. Напишите, пожалуйста, номер/);
    const [task] = await rows("select preferred_time from public.tasks where conversation_id = $1", [t.conversationId]);
    expect(task).toEqual({ preferred_time: "завтра утром" });
  });

  it("«talk to a person» connects a manager with its own message and flags the conversation", async () => {
    const chat = newChatId();
    const m = await clientWrites(bot, chat, "I want to talk to a person");
    await runAfterInbound(m.messageId);
    await runOutbox();
    expect(sentTo(chat)).toEqual([
      "I'm connecting you with a manager, who will reply in this chat during working hours (Mon–Sat 9:00–20:00).",
    ]);
    const [conv] = await rows(
      "select needs_human, ai_paused_reason, handoff_reason from public.conversations where id = $1",
      [m.conversationId],
    );
    expect(conv).toEqual({
      needs_human: true,
      ai_paused_reason: "handoff",
      handoff_reason: "The client asked to talk to a person",
    });
  });

  it("a booking request offers free slots; the client's pick is booked", async () => {
    const chat = newChatId();
    const ask = await clientWrites(bot, chat, "Можно записаться на замер?");
    await runAfterInbound(ask.messageId);
    await runOutbox();
    const [offer] = sentTo(chat);
    expect(offer).toMatch(/^Свободное время для записи:\n• /);
    const ai = (await thread(ask.conversationId)).find((x) => x.senderType === "ai");
    const offered = ai?.aiExplanation?.offeredSlots ?? [];
    expect(offered.length).toBeGreaterThan(0);
    expect(ai?.aiExplanation).toMatchObject({ intent: "booking", fact: { type: "slots" } });

    const pick = offered[0];
    const day = Number(pick.slice(8, 10));
    const months = [
      "января",
      "февраля",
      "марта",
      "апреля",
      "мая",
      "июня",
      "июля",
      "августа",
      "сентября",
      "октября",
      "ноября",
      "декабря",
    ];
    const chosen = await clientWrites(
      bot,
      chat,
      `Давайте ${day} ${months[Number(pick.slice(5, 7)) - 1]} в ${pick.slice(11)}`,
    );
    await runAfterInbound(chosen.messageId);
    await runOutbox();
    expect(sentTo(chat)[1]).toMatch(/^Готово, записали вас на .*, \d\d:\d\d\./);
    const booked = await rows(
      "select to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as at, source, status from public.appointments where conversation_id = $1",
      [ask.conversationId],
    );
    expect(booked).toEqual([{ at: pick, source: "assistant", status: "booked" }]);
  });

  it("an unsure answer is withheld: the client hears a manager will answer, the agent gets a draft and the why", async () => {
    const chat = newChatId();
    const m = await clientWrites(bot, chat, "Сколько стоит ремонт?");
    await runAfterInbound(m.messageId);
    await runOutbox();
    expect(sentTo(chat)).toEqual([
      "Спасибо за вопрос! Передаю его менеджеру — он ответит вам в рабочее время (Пн–Сб 9:00–20:00).",
    ]);
    const drafts = await rows("select text, status, explanation from public.ai_drafts where conversation_id = $1", [
      m.conversationId,
    ]);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ status: "pending", explanation: { decision: "withheld", reason: "ambiguous" } });
    expect(drafts[0].text).toContain("Ремонт санузла под ключ: от 180 000 ₽");
    expect(drafts[0].text).toContain("Ремонт кухни: от 250 000 ₽");
    const [conv] = await rows("select needs_human from public.conversations where id = $1", [m.conversationId]);
    expect(conv.needs_human).toBe(true);
    const ai = (await thread(m.conversationId)).find((x) => x.senderType === "ai");
    expect(ai?.aiExplanation).toMatchObject({ decision: "withheld", intent: "price", reason: "ambiguous" });
    const runs = await rows("select kind, outcome from public.ai_runs where message_id = $1", [m.messageId]);
    expect(runs).toEqual([{ kind: "reply", outcome: "handoff" }]);
  });

  it("«how long» is not «how much», and a town outside the service area goes to a person", async () => {
    const chat = newChatId();
    const m = await clientWrites(bot, chat, "Сколько времени займёт ремонт двушки?");
    await runAfterInbound(m.messageId);
    await runOutbox();
    expect(sentTo(chat)[0]).toMatch(/^Спасибо за вопрос! Передаю его менеджеру/);

    const area = newChatId();
    const yes = await clientWrites(bot, area, "Вы работаете в Балашихе?");
    await runAfterInbound(yes.messageId);
    await runOutbox();
    expect(sentTo(area)).toEqual(["Да, работаем. Наша зона выезда: Москва, Балашиха, Реутов."]);
  });
});
