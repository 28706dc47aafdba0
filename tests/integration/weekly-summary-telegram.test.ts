import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import * as chatRoute from "@/app/api/analytics/weekly-summary/telegram/route";
import * as testRoute from "@/app/api/analytics/weekly-summary/telegram/test/route";
import { enqueueWeeklyTelegram, sendWeekToTelegram, weeklyTelegramJob } from "@/lib/analytics/weekly-telegram";
import { lastWeek } from "@/lib/analytics/weekly-text";
import type { ChannelRecord } from "@/lib/channels/types";
import { RetryableSendError } from "@/lib/channels/types";
import { faults, startTelegramFake, type TelegramFake } from "../fakes/telegram";
import { clientWrites, newChatId, PUBLIC_APP_URL, rows, runJob, setEnv } from "../helpers/assistant";
import { describeEachDb } from "../helpers/db";
import { jsonRequest } from "../helpers/http";
import { createChannel, team, type Person } from "../helpers/inbox";

// The weekly summary in a Telegram chat: chosen by an admin among the organisation's own bots and chats, sent
// through the real grammY client to the fake Bot API once per week, refusals kept for the settings page.

let telegram: TelegramFake;
beforeAll(async () => {
  telegram = await startTelegramFake();
  setEnv({ TELEGRAM_API_ROOT: telegram.apiRoot, APP_URL: PUBLIC_APP_URL });
});
afterAll(async () => {
  setEnv({ TELEGRAM_API_ROOT: undefined, APP_URL: undefined });
  await telegram.close();
});

const URL_ = "/api/analytics/weekly-summary/telegram";
const get = async (who: Person) => {
  const res = await chatRoute.GET(jsonRequest(URL_, { token: who.token }));
  return { status: res.status, body: await res.json() };
};
const put = async (who: Person, body: unknown) => {
  const res = await chatRoute.PUT(jsonRequest(URL_, { method: "PUT", token: who.token, body }));
  return { status: res.status, body: await res.json() };
};
const sendTest = async (who: Person) => {
  const res = await testRoute.POST(jsonRequest(`${URL_}/test`, { method: "POST", token: who.token }));
  return { status: res.status, body: await res.json() };
};
const sentTo = (chatId: number | string) =>
  telegram
    .callsTo("sendMessage")
    .filter((c) => String(c.params.chat_id) === String(chatId) && c.status === 200)
    .map((c) => String(c.params.text));

describeEachDb("weekly summary to a Telegram chat", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let a: Awaited<ReturnType<typeof team>>;
  let b: Awaited<ReturnType<typeof team>>;
  let botA: ChannelRecord;
  let botB: ChannelRecord;
  let orgA: string;
  const chat = newChatId();
  const week = { from: "2026-11-02", to: "2026-11-08" };

  beforeAll(async () => {
    a = await team(`wk-a-${tag}`, "Неделя");
    b = await team(`wk-b-${tag}`, "Rival week");
    botA = await createChannel(a.owner, { type: "telegram", name: "Sales bot", secrets: { botToken: telegram.token } });
    botB = await createChannel(b.owner, { type: "telegram", name: "Rival bot", secrets: { botToken: telegram.token } });
    orgA = botA.orgId;
    // The owner wrote to the bot once: their chat is offered.
    await clientWrites(botA, chat, "/start");
  });
  beforeEach(() => telegram.reset());

  it("is chosen by admins among their own bots and chats; bad input is refused and named", async () => {
    const choices = await get(a.owner);
    expect(choices.status).toBe(200);
    expect(choices.body.chat).toBeNull();
    expect(choices.body.bots).toEqual([{ id: botA.id, name: "Sales bot" }]);
    expect(choices.body.chats).toContainEqual(expect.objectContaining({ channelId: botA.id, chatId: String(chat) }));
    expect((await get(a.agent)).status).toBe(403);
    expect((await put(a.agent, { channelId: botA.id, chatId: String(chat), locale: "ru" })).status).toBe(403);

    const bad = await put(a.owner, { channelId: botA.id, chatId: "my chat", locale: "ru" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("chatId");
    expect((await put(a.owner, { channelId: botA.id, chatId: "1", locale: "de" })).status).toBe(400);
    // Another organisation's bot is not one of ours.
    const foreign = await put(a.owner, { channelId: botB.id, chatId: String(chat), locale: "ru" });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toContain("channelId");
    expect(await rows("select 1 from public.weekly_summary_chats where org_id = $1", [orgA])).toEqual([]);

    const saved = await put(a.owner, { channelId: botA.id, chatId: ` ${chat} `, locale: "ru" });
    expect(saved.status).toBe(200);
    expect(saved.body.chat).toMatchObject({ channelId: botA.id, channelName: "Sales bot", chatId: String(chat) });
    expect(saved.body.chat).toMatchObject({ locale: "ru", enabled: true, lastSentWeek: null, lastError: null });
    // The other organisation sees nothing of it, and cannot remove it.
    expect((await get(b.owner)).body.chat).toBeNull();
    const res = await chatRoute.DELETE(jsonRequest(URL_, { method: "DELETE", token: b.owner.token }));
    expect(await res.json()).toEqual({ deleted: false });
    expect((await get(a.owner)).body.chat.chatId).toBe(String(chat));
  });

  it("a test sends last week's summary now, in the chosen language, without marking the week", async () => {
    const { status, body } = await sendTest(a.owner);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toEqual({ sent: true });
    const [text] = sentTo(chat);
    const { from, to } = lastWeek();
    expect(text).toContain(`Ваша неделя ${from} – ${to}`);
    expect(text).toContain("сообщений клиентов");
    expect(text).toContain(`${PUBLIC_APP_URL}/analytics?from=${from}&to=${to}`);
    expect((await get(a.owner)).body.chat).toMatchObject({ lastSentWeek: null, lastError: null });
    // Not a message of the client's conversation: nothing outbound is stored in the inbox.
    expect(await rows("select 1 from public.messages where org_id = $1 and direction = 'out'", [orgA])).toEqual([]);
    expect((await sendTest(b.owner)).status).toBe(404);
  });

  it("the weekly run sends each week once, to enabled chats only", async () => {
    await put(b.owner, { channelId: botB.id, chatId: "-100123456", locale: "en", enabled: false });
    expect(await enqueueWeeklyTelegram(week)).toBeGreaterThanOrEqual(1);
    const queued = await rows("select org_id from public.jobs where name = $1 and payload -> 'week' ->> 'from' = $2", [
      weeklyTelegramJob.name,
      week.from,
    ]);
    expect(queued.map((j) => j.org_id)).toContain(orgA);
    expect(queued.map((j) => j.org_id)).not.toContain(botB.orgId);
    await runJob(weeklyTelegramJob, "org_id = $2 and payload -> 'week' ->> 'from' = $3", [orgA, week.from], true);
    expect(sentTo(chat)).toEqual([expect.stringContaining("Ваша неделя 2026-11-02 – 2026-11-08")]);
    expect((await get(a.owner)).body.chat.lastSentWeek).toBe(week.from);
    // A retry or a second run of that week sends nothing more.
    expect(await sendWeekToTelegram(orgA, week)).toEqual({ sent: false, reason: "already" });
    expect(await sendWeekToTelegram(botB.orgId, week)).toEqual({ sent: false, reason: "off" });
    expect(sentTo(chat)).toHaveLength(1);
    expect(telegram.callsTo("sendMessage").filter((c) => c.params.chat_id === "-100123456")).toEqual([]);
  });

  it("keeps Telegram's refusal for the settings page; retries what may pass, not what will not", async () => {
    const next = { from: "2026-11-09", to: "2026-11-15" };
    telegram.failNext(faults.chatNotFound(), { method: "sendMessage" });
    expect(await sendWeekToTelegram(orgA, next)).toEqual({
      sent: false,
      error: expect.stringContaining("chat not found"),
    });
    expect((await get(a.owner)).body.chat).toMatchObject({
      lastSentWeek: week.from,
      lastError: expect.stringContaining("chat not found"),
    });

    telegram.failNext(faults.internal(), { method: "sendMessage", count: 5 });
    await expect(sendWeekToTelegram(orgA, next)).rejects.toBeInstanceOf(RetryableSendError);
    telegram.reset();
    expect(await sendWeekToTelegram(orgA, next)).toEqual({ sent: true });
    expect((await get(a.owner)).body.chat).toMatchObject({ lastSentWeek: next.from, lastError: null });
    expect(sentTo(chat)).toHaveLength(1);

    // Another chat has not had this week: choosing it clears the mark, so the week goes there too.
    const other = newChatId();
    await put(a.owner, { channelId: botA.id, chatId: String(other), locale: "en" });
    expect(await sendWeekToTelegram(orgA, next)).toEqual({ sent: true });
    expect(sentTo(other)).toEqual([expect.stringContaining("Your week 2026-11-09 – 2026-11-15")]);
  });
});
