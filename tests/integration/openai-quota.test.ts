import { beforeAll, beforeEach, expect, it } from "vitest";
import * as statusRoute from "@/app/api/ai/status/route";
import * as notificationsRoute from "@/app/api/notifications/route";
import type { ChannelRecord } from "@/lib/channels/types";
import type { FakeAnswer } from "../fakes/openai";
import {
  clientWrites,
  newChatId,
  PROFILE,
  putSettings,
  rows,
  runAfterInbound,
  runOutbox,
  withAssistantFakes,
} from "../helpers/assistant";
import { describeEachDb } from "../helpers/db";
import { jsonRequest } from "../helpers/http";
import { createChannel, team, type Person } from "../helpers/inbox";

// OpenAI's insufficient_quota (../shared/wire/openai.md §5) is permanent: one request, no retries; the offline engine
// drafts instead of auto-replying; admins see since when, in their language, until a call succeeds again.

const fakes = withAssistantFakes();

const QUOTA: FakeAnswer = {
  kind: "error",
  status: 429,
  type: "insufficient_quota",
  code: "insufficient_quota",
  message:
    "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
};

const status = async (who: Person) =>
  (await (await statusRoute.GET(jsonRequest("/api/ai/status", who))).json()) as {
    quotaExhaustedSince: string | null;
  };
const notifications = async (who: Person) =>
  (
    (await (await notificationsRoute.GET(jsonRequest("/api/notifications", who))).json()) as {
      notifications: { kind: string; title: string; body: string }[];
    }
  ).notifications;

describeEachDb("OpenAI quota exhausted", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let a: Awaited<ReturnType<typeof team>>;
  let bot: ChannelRecord;

  beforeAll(async () => {
    a = await team(`quota-${tag}`, "ПолСтрой");
    bot = await createChannel(a.owner, { type: "telegram", name: "Bot", secrets: { botToken: fakes.telegram.token } });
    await putSettings(a.owner, { profile: PROFILE, defaultMode: "auto" });
    // The owner reads the app in Russian: the bell's notice is written in Russian for them.
    await rows("update public.profiles set locale = 'ru' where id = $1", [a.owner.userId]);
  });
  beforeEach(() => fakes.openai.reset());

  it("asks once, drafts from the offline engine instead of auto-replying, and tells the admins", async () => {
    fakes.openai.setHandler(() => QUOTA);
    const chat = newChatId();
    const m = await clientWrites(bot, chat, "Сколько стоит укладка ламината?");
    await runAfterInbound(m.messageId);
    await runOutbox();

    // No retries: the SDK would have sent 4 requests (maxRetries 3) for a rate limit.
    expect(fakes.openai.requests.filter((r) => r.path === "/v1/chat/completions")).toHaveLength(1);
    expect(fakes.telegram.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === chat)).toHaveLength(0);
    const drafts = await rows("select text, engine, status from public.ai_drafts where in_reply_to = $1", [
      m.messageId,
    ]);
    expect(drafts).toEqual([
      {
        text: "Укладка ламината стоит от 500 ₽ за м², материал считаем отдельно.",
        engine: "offline",
        status: "pending",
      },
    ]);
    // Not handed off or paused: the draft waits for a person, the conversation is not flagged.
    const [conv] = await rows("select needs_human, ai_paused_reason from public.conversations where id = $1", [
      m.conversationId,
    ]);
    expect(conv).toEqual({ needs_human: false, ai_paused_reason: null });

    const since = (await status(a.viewer)).quotaExhaustedSince;
    expect(since).not.toBeNull();
    const ownerNotices = (await notifications(a.owner)).filter((n) => n.kind === "system");
    expect(ownerNotices).toHaveLength(1);
    expect(ownerNotices[0].title).toMatch(
      /^Квота OpenAI исчерпана с \d\d:\d\d — ответы теперь черновики офлайн-движка$/,
    );
    // Agents are not admins: the bell tells the admins only.
    expect((await notifications(a.agent)).filter((n) => n.kind === "system")).toHaveLength(0);

    // A second refusal keeps the first time and does not notify again.
    const again = await clientWrites(bot, newChatId(), "How much does laminate fitting cost?");
    await runAfterInbound(again.messageId);
    expect((await status(a.viewer)).quotaExhaustedSince).toBe(since);
    expect((await notifications(a.owner)).filter((n) => n.kind === "system")).toHaveLength(1);
    const [englishDraft] = await rows("select text, engine from public.ai_drafts where in_reply_to = $1", [
      again.messageId,
    ]);
    expect(englishDraft).toEqual({
      text: "Laminate fitting costs from 500 RUB per m², materials extra.",
      engine: "offline",
    });
  });

  it("clears the banner with the next call that succeeds, and auto-replies again", async () => {
    await rows(
      `insert into public.ai_provider_status (org_id, quota_exhausted_since)
       select org_id, now() from public.memberships where user_id = $1
       on conflict (org_id) do update set quota_exhausted_since = now()`,
      [a.owner.userId],
    );
    expect((await status(a.viewer)).quotaExhaustedSince).not.toBeNull();
    fakes.openai.setHandler(() => ({ kind: "chat", content: "Укладка ламината — от 500 ₽ за м²." }));
    const chat = newChatId();
    const m = await clientWrites(bot, chat, "Сколько стоит укладка ламината?");
    await runAfterInbound(m.messageId);
    await runOutbox();
    const sent = fakes.telegram.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === chat);
    expect(sent.map((c) => c.params.text)).toEqual(["Укладка ламината — от 500 ₽ за м²."]);
    expect((await status(a.viewer)).quotaExhaustedSince).toBeNull();
  });

  it("keeps retrying a rate limit's 429 (not a quota)", async () => {
    fakes.openai.enqueue({
      kind: "error",
      status: 429,
      code: "rate_limit_exceeded",
      type: "tokens",
      retryAfterMs: "10",
    });
    fakes.openai.setHandler(() => ({ kind: "chat", content: "Укладка ламината — от 500 ₽ за м²." }));
    const m = await clientWrites(bot, newChatId(), "Сколько стоит укладка ламината?");
    await runAfterInbound(m.messageId);
    expect(fakes.openai.requests.filter((r) => r.path === "/v1/chat/completions")).toHaveLength(2);
    expect((await status(a.viewer)).quotaExhaustedSince).toBeNull();
  });
});
