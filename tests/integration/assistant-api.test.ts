import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import * as settingsRoute from "@/app/api/ai/settings/route";
import * as conversationRoute from "@/app/api/messaging/conversations/[id]/route";
import * as inboxRoute from "@/app/api/messaging/inbox/route";
import * as notificationsRoute from "@/app/api/notifications/route";
import * as readRoute from "@/app/api/notifications/read/route";
import { DEFAULT_SCORING_PRESET } from "@/lib/ai/scoring";
import type { NotificationView } from "@/lib/assistant/notifications";
import type { ChannelRecord } from "@/lib/channels/types";
import { startTelegramFake, textUpdate, type TelegramFake } from "../fakes/telegram";
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
} from "../helpers/assistant";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { createChannel, team, type Person } from "../helpers/inbox";

// Without OPENAI_API_KEY: the offline engine answers, and the settings and notifications API.
let telegram: TelegramFake;
beforeAll(async () => {
  telegram = await startTelegramFake();
  setEnv({ OPENAI_API_KEY: undefined, TELEGRAM_API_ROOT: telegram.apiRoot, APP_URL: PUBLIC_APP_URL });
});
afterAll(async () => {
  setEnv({ TELEGRAM_API_ROOT: undefined, APP_URL: undefined });
  await telegram.close();
});

const getSettings = async (who: Person) => settingsRoute.GET(jsonRequest("/api/ai/settings", { token: who.token }));
const put = (who: Person, body: unknown) =>
  settingsRoute.PUT(jsonRequest("/api/ai/settings", { method: "PUT", token: who.token, body }));
const notifications = async (who: Person, query = "") => {
  const res = await notificationsRoute.GET(jsonRequest(`/api/notifications${query}`, { token: who.token }));
  expect(res.status).toBe(200);
  return (await res.json()) as { notifications: NotificationView[]; unread: number };
};
const sentTo = (chatId: number) =>
  telegram
    .callsTo("sendMessage")
    .filter((c) => Number(c.params.chat_id) === chatId)
    .map((c) => c.params.text);

describeEachDb("assistant settings, offline engine and notifications", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let a: Awaited<ReturnType<typeof team>>;
  let b: Awaited<ReturnType<typeof team>>;
  let bot: ChannelRecord;

  beforeAll(async () => {
    a = await team(`api-a-${tag}`, "ПолСтрой");
    b = await team(`api-b-${tag}`, "Rival");
    bot = await createChannel(a.owner, { type: "telegram", name: "Bot", secrets: { botToken: telegram.token } });
  });
  beforeEach(() => telegram.reset());

  it("GET is for every member with the engine; PUT is admin-only and names the invalid field", async () => {
    const res = await getSettings(a.viewer);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ engine: "offline", defaultMode: "draft", profile: null, minIncoming: 3 });

    expect((await put(a.agent, { defaultMode: "auto" })).status).toBe(403);
    const bad = await put(a.owner, { defaultMode: "sometimes" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^body: defaultMode/);
    const hours = await put(a.owner, { availability: { from: "18:00", to: "10:00" } });
    expect((await hours.json()).error.message).toMatch(/^body: availability\.to/);
    const stranger = await put(a.owner, { channels: { "00000000-0000-4000-8000-000000000000": { mode: "auto" } } });
    expect(stranger.status).toBe(400);
    expect((await stranger.json()).error.message).toMatch(/^channels\.00000000/);

    const saved = await putSettings(a.owner, {
      profile: PROFILE,
      defaultMode: "auto",
      channels: { [bot.id]: { mode: "auto" } },
    });
    expect(saved).toMatchObject({ engine: "offline", defaultMode: "auto", profile: { company: "ПолСтрой" } });
    // Another organisation reads its own settings, never these.
    expect(await (await getSettings(b.owner)).json()).toMatchObject({ profile: null, channels: {} });
  });

  it("a changed scoring preset re-scores the organisation's leads", async () => {
    const m = await clientWrites(bot, newChatId(), "Здравствуйте");
    await rows(
      `insert into public.leads (org_id, contact_id, source, funnel_stage, score, interest_level)
       select org_id, contact_id, 'manual', 'deal_closed', 75, 'hot' from public.conversations where id = $1`,
      [m.conversationId],
    );
    const preset = {
      ...DEFAULT_SCORING_PRESET,
      stages: DEFAULT_SCORING_PRESET.stages.map((s) => (s.id === "deal_closed" ? { ...s, base: 50 } : s)),
    };
    await putSettings(a.owner, { profile: PROFILE, defaultMode: "auto", scoringPreset: preset });
    const [lead] = await rows(
      "select l.score, l.interest_level from public.leads l join public.conversations c on c.contact_id = l.contact_id where c.id = $1",
      [m.conversationId],
    );
    expect(lead).toEqual({ score: 50, interest_level: "warm" });
  });

  it("offline: a FAQ question gets the FAQ's answer; an unknown one is handed off, flagged and notified", async () => {
    const chat = newChatId();
    const faq = await clientWrites(bot, chat, "Сколько стоит укладка ламината?");
    await runAfterInbound(faq.messageId);
    await runOutbox();
    expect(sentTo(chat)).toEqual([PROFILE.faq[0].a]);
    const [run] = await rows("select engine, outcome, model from public.ai_runs where message_id = $1", [
      faq.messageId,
    ]);
    expect(run).toEqual({ engine: "offline", outcome: "ok", model: null });

    const unknown = await clientWrites(bot, chat, "Можно оплатить в рассрочку?");
    await runAfterInbound(unknown.messageId);
    await runOutbox();
    expect(sentTo(chat)[1]).toMatch(/менеджеру/);
    const [conv] = await rows("select needs_human, ai_paused_reason from public.conversations where id = $1", [
      faq.conversationId,
    ]);
    expect(conv).toEqual({ needs_human: true, ai_paused_reason: "handoff" });
    const inbox = await inboxRoute.GET(jsonRequest("/api/messaging/inbox", { token: a.agent.token }));
    const item = ((await inbox.json()) as { items: Record<string, unknown>[] }).items.find(
      (i) => i.id === faq.conversationId,
    );
    expect(item).toMatchObject({ aiMode: null, effectiveAiMode: "auto", aiPausedReason: "handoff", needsHuman: true });

    const mine = await notifications(a.agent, "?unread=true");
    const handoff = mine.notifications.find((n) => n.conversationId === faq.conversationId);
    expect(handoff).toMatchObject({ kind: "handoff", readAt: null });
    expect(mine.unread).toBeGreaterThanOrEqual(1);
  });

  it("offline: a voice note cannot be transcribed, so it is handed to a person rather than answering an older message", async () => {
    const chat = newChatId();
    const first = await clientWrites(bot, chat, "Сколько стоит укладка ламината?");
    await runAfterInbound(first.messageId);
    const update = textUpdate("", { chatId: chat }) as unknown as { message: Record<string, unknown> };
    delete update.message.text;
    update.message.voice = { file_id: "AwACAgIAAxkBAAI", file_unique_id: "AgADv", duration: 2, mime_type: "audio/ogg" };
    const voice = await clientWrites(bot, chat, update as never);
    await runAfterInbound(voice.messageId);
    await runOutbox();
    const texts = sentTo(chat);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toMatch(/менеджеру/);
    const [row] = await rows("select transcript from public.messages where id = $1", [voice.messageId]);
    expect(row.transcript).toBeNull();
    const [conv] = await rows("select needs_human from public.conversations where id = $1", [voice.conversationId]);
    expect(conv.needs_human).toBe(true);
  });

  it("draft mode (set on the conversation): a FAQ question gets a draft, an unknown one no draft and no flag", async () => {
    const chat = newChatId();
    const faq = await clientWrites(bot, chat, "Сколько стоит укладка ламината?");
    const patch = await conversationRoute.PATCH(
      jsonRequest(`/api/messaging/conversations/${faq.conversationId}`, {
        method: "PATCH",
        token: a.agent.token,
        body: { aiMode: "draft" },
      }),
      params({ id: faq.conversationId }),
    );
    expect(await patch.json()).toMatchObject({ aiMode: "draft", effectiveAiMode: "draft" });
    await runAfterInbound(faq.messageId);
    const unknown = await clientWrites(bot, chat, "Можно оплатить в рассрочку?");
    await runAfterInbound(unknown.messageId);
    await runOutbox();
    expect(sentTo(chat)).toEqual([]);
    const drafts = await rows("select text, status from public.ai_drafts where conversation_id = $1", [
      faq.conversationId,
    ]);
    expect(drafts).toEqual([{ text: PROFILE.faq[0].a, status: "pending" }]);
    const [conv] = await rows("select needs_human from public.conversations where id = $1", [faq.conversationId]);
    expect(conv.needs_human).toBe(false);
    expect(await rows("select 1 from public.notifications where conversation_id = $1", [faq.conversationId])).toEqual(
      [],
    );
  });

  it("a client who opted out (СТОП) gets no reply, no hand-off; the skip is recorded", async () => {
    const chat = newChatId();
    const stop = await clientWrites(bot, chat, "СТОП");
    await runAfterInbound(stop.messageId);
    await runOutbox();
    expect(sentTo(chat)).toEqual([]);
    const runs = await rows("select kind, outcome, error from public.ai_runs where message_id = $1", [stop.messageId]);
    expect(runs).toEqual([{ kind: "reply", outcome: "skipped", error: "not sent: opted_out" }]);
    const [conv] = await rows("select needs_human from public.conversations where id = $1", [stop.conversationId]);
    expect(conv.needs_human).toBe(false);
  });

  it("notifications: another organisation sees none of them; marking read by id and all", async () => {
    const theirs = await notifications(b.owner);
    expect(theirs).toEqual({ notifications: [], unread: 0 });
    const foreign = (await notifications(a.owner)).notifications[0];
    const sneaky = await readRoute.POST(
      jsonRequest("/api/notifications/read", { token: b.owner.token, body: { ids: [foreign.id] } }),
    );
    expect(await sneaky.json()).toEqual({ updated: 0 });

    const one = await readRoute.POST(
      jsonRequest("/api/notifications/read", { token: a.agent.token, body: { ids: [foreign.id] } }),
    );
    expect(await one.json()).toEqual({ updated: 1 });
    expect((await notifications(a.owner)).notifications[0].readAt).not.toBeNull();
    const bad = await readRoute.POST(
      jsonRequest("/api/notifications/read", { token: a.agent.token, body: { ids: ["x"] } }),
    );
    expect(bad.status).toBe(400);
    await readRoute.POST(jsonRequest("/api/notifications/read", { token: a.agent.token, body: {} }));
    expect((await notifications(a.agent, "?unread=true")).unread).toBe(0);
  });
});
