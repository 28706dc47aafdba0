import { beforeAll, beforeEach, expect, it } from "vitest";
import * as draftItem from "@/app/api/ai/drafts/[id]/route";
import * as approveRoute from "@/app/api/ai/drafts/[id]/approve/route";
import * as discardRoute from "@/app/api/ai/drafts/[id]/discard/route";
import * as generateRoute from "@/app/api/ai/drafts/generate/route";
import * as draftsRoute from "@/app/api/ai/drafts/route";
import type { DraftView } from "@/lib/assistant/drafts";
import type { ChannelRecord } from "@/lib/channels/types";
import type { MessageView } from "@/lib/inbox/message-view";
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
import { jsonRequest, params } from "../helpers/http";
import { createChannel, team, type Person } from "../helpers/inbox";

const fakes = withAssistantFakes();

const list = async (who: Person, query: string) => {
  const res = await draftsRoute.GET(jsonRequest(`/api/ai/drafts?${query}`, { token: who.token }));
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { drafts: DraftView[] }).drafts;
};
const approve = (who: Person, id: string, body: unknown = {}) =>
  approveRoute.POST(jsonRequest(`/api/ai/drafts/${id}/approve`, { token: who.token, body }), params({ id }));
const discard = (who: Person, id: string) =>
  discardRoute.POST(jsonRequest(`/api/ai/drafts/${id}/discard`, { token: who.token, body: {} }), params({ id }));
const generate = (who: Person, conversationId: string) =>
  generateRoute.POST(jsonRequest("/api/ai/drafts/generate", { token: who.token, body: { conversationId } }));

describeEachDb("assistant drafts", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let a: Awaited<ReturnType<typeof team>>;
  let b: Awaited<ReturnType<typeof team>>;
  let bot: ChannelRecord;

  beforeAll(async () => {
    a = await team(`drafts-a-${tag}`, "ПолСтрой");
    b = await team(`drafts-b-${tag}`, "Rival");
    bot = await createChannel(a.owner, { type: "telegram", name: "Bot", secrets: { botToken: fakes.telegram.token } });
    await putSettings(a.owner, { profile: PROFILE, defaultMode: "draft" });
  });
  beforeEach(() => {
    fakes.openai.reset();
    fakes.openai.setHandler(() => ({ kind: "chat", content: "Укладка ламината стоит от 500 ₽ за м²." }));
  });

  it("draft mode stores one pending draft and sends nothing; approving sends the agent's edit without pausing", async () => {
    const chat = newChatId();
    const m = await clientWrites(bot, chat, "Сколько стоит укладка ламината?");
    await runAfterInbound(m.messageId);
    await runAfterInbound(m.messageId);
    await runOutbox();
    expect(fakes.telegram.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === chat)).toHaveLength(0);

    const drafts = await list(a.viewer, `conversationId=${m.conversationId}&status=pending`);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      conversationId: m.conversationId,
      inReplyTo: m.messageId,
      text: "Укладка ламината стоит от 500 ₽ за м².",
      status: "pending",
      engine: "openai",
      model: "gpt-4.1-mini",
    });
    const [run] = await rows("select kind, outcome from public.ai_runs where message_id = $1", [m.messageId]);
    expect(run).toEqual({ kind: "draft", outcome: "ok" });

    expect((await approve(a.viewer, drafts[0].id)).status).toBe(403);
    const res = await approve(a.agent, drafts[0].id, {
      text: "Укладка — от 500 ₽/м². Когда удобно приехать на замер?",
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const { draft, message } = (await res.json()) as { draft: DraftView; message: MessageView };
    expect(draft.status).toBe("approved");
    expect(message).toMatchObject({ senderType: "agent", senderUserId: a.agent.userId, status: "queued" });
    await runOutbox();
    const sent = fakes.telegram.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === chat);
    expect(sent.map((c) => c.params.text)).toEqual(["Укладка — от 500 ₽/м². Когда удобно приехать на замер?"]);
    const [stored] = await rows(
      "select d.sent_message_id, d.decided_by, c.ai_paused_reason from public.ai_drafts d join public.conversations c on c.id = d.conversation_id where d.id = $1",
      [draft.id],
    );
    expect(stored).toEqual({ sent_message_id: message.id, decided_by: a.agent.userId, ai_paused_reason: null });
    expect((await approve(a.agent, drafts[0].id)).status).toBe(409);
  });

  it("generate makes a fresh draft that supersedes the pending one; discard; 409 when the profile has no answer", async () => {
    const m = await clientWrites(bot, newChatId(), "Сколько стоит укладка ламината?");
    await runAfterInbound(m.messageId);
    const [old] = await list(a.agent, `conversationId=${m.conversationId}`);

    fakes.openai.setHandler(() => ({ kind: "chat", content: "Стоимость укладки — от 500 ₽ за м²." }));
    const res = await generate(a.agent, m.conversationId);
    expect(res.status, await res.clone().text()).toBe(201);
    const fresh = (await res.json()) as DraftView;
    expect(fresh).toMatchObject({
      text: "Стоимость укладки — от 500 ₽ за м².",
      status: "pending",
      inReplyTo: m.messageId,
    });
    const one = await draftItem.GET(
      jsonRequest(`/api/ai/drafts/${old.id}`, { token: a.agent.token }),
      params({ id: old.id }),
    );
    expect(((await one.json()) as DraftView).status).toBe("superseded");

    const discarded = await discard(a.agent, fresh.id);
    expect(((await discarded.json()) as DraftView).status).toBe("discarded");
    expect(await list(a.agent, `conversationId=${m.conversationId}&status=pending`)).toEqual([]);

    fakes.openai.setHandler(() => ({
      kind: "chat",
      toolCalls: [{ name: "hand_off", arguments: { reason: "Not in profile" } }],
    }));
    const refused = await generate(a.agent, m.conversationId);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.details).toMatchObject({ reason: "handoff" });
    // The agent asked while looking at the conversation: no flag, no notification.
    const [conv] = await rows("select needs_human from public.conversations where id = $1", [m.conversationId]);
    expect(conv.needs_human).toBe(false);
    const runs = await rows("select outcome from public.ai_runs where message_id = $1 and kind = 'draft'", [
      m.messageId,
    ]);
    expect(runs.map((r) => r.outcome).sort()).toEqual(["handoff", "ok", "ok"]);
  });

  it("another organisation cannot read, approve, discard or generate drafts", async () => {
    const m = await clientWrites(bot, newChatId(), "Сколько стоит укладка ламината?");
    await runAfterInbound(m.messageId);
    const [draft] = await list(a.agent, `conversationId=${m.conversationId}`);
    const read = await draftItem.GET(
      jsonRequest(`/api/ai/drafts/${draft.id}`, { token: b.owner.token }),
      params({ id: draft.id }),
    );
    expect(read.status).toBe(404);
    expect(await list(b.owner, `conversationId=${m.conversationId}`)).toEqual([]);
    expect((await approve(b.owner, draft.id, { text: "hijack" })).status).toBe(404);
    expect((await discard(b.owner, draft.id)).status).toBe(404);
    expect((await generate(b.owner, m.conversationId)).status).toBe(404);
    const [still] = await list(a.agent, `conversationId=${m.conversationId}`);
    expect(still.status).toBe("pending");
  });
});
