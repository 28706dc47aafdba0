import { beforeAll, beforeEach, expect, it } from "vitest";
import * as conversationRoute from "@/app/api/messaging/conversations/[id]/route";
import type { ChannelRecord } from "@/lib/channels/types";
import { type FakeAnswer, type RecordedRequest } from "../fakes/openai";
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
import { createChannel, team } from "../helpers/inbox";

const fakes = withAssistantFakes();

type ChatMessage = { role: string; content: string | null; tool_call_id?: string };
const messagesOf = (req: RecordedRequest) => (req.json?.messages ?? []) as ChatMessage[];
const toolResults = (req: RecordedRequest) => messagesOf(req).filter((m) => m.role === "tool");
/** The free slots the request offered (the book_appointment tool's enum). */
const offeredSlots = (req: RecordedRequest): string[] => {
  const tools = (req.json?.tools ?? []) as { function: { name: string; parameters: Record<string, never> } }[];
  const book = tools.find((t) => t.function.name === "book_appointment");
  return (book?.function.parameters as { properties?: { slot?: { enum?: string[] } } })?.properties?.slot?.enum ?? [];
};
const chatRequests = () => fakes.openai.requests.filter((r) => r.path === "/v1/chat/completions");

/** The model calls a tool first, then answers in text once it has read the tool's result. */
function toolThenText(call: (req: RecordedRequest) => { name: string; arguments: unknown }, text: string) {
  fakes.openai.setHandler((req): FakeAnswer | undefined => {
    if (req.path !== "/v1/chat/completions") return undefined;
    if (toolResults(req).length) return { kind: "chat", content: text };
    const c = call(req);
    return { kind: "chat", toolCalls: [{ name: c.name, arguments: c.arguments as Record<string, unknown> }] };
  });
}

describeEachDb("assistant tools", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let a: Awaited<ReturnType<typeof team>>;
  let bot: ChannelRecord;

  beforeAll(async () => {
    a = await team(`tools-${tag}`, "ПолСтрой");
    bot = await createChannel(a.owner, { type: "telegram", name: "Bot", secrets: { botToken: fakes.telegram.token } });
    await putSettings(a.owner, {
      profile: PROFILE,
      defaultMode: "auto",
      availability: { timezone: "UTC", days: [1, 2, 3, 4, 5, 6, 7], from: "10:00", to: "18:00", slotMinutes: 60 },
    });
  });
  beforeEach(() => fakes.openai.reset());

  it("upsert_lead stores the lead (source assistant) and fills the contact's empty phone, then the model answers", async () => {
    const chat = newChatId();
    toolThenText(
      () => ({
        name: "upsert_lead",
        arguments: { name: "Анна", phone: "+7 999 000-11-22", need: "укладка ламината 40 м²", budget: null },
      }),
      "Спасибо, Анна! Записала.",
    );
    const m = await clientWrites(bot, chat, "Я Анна, +7 999 000-11-22, нужно уложить ламинат 40 м²");
    await runAfterInbound(m.messageId);
    await runOutbox();

    const [lead] = await rows(
      "select l.source, l.name, l.phone, l.need, l.budget, l.channel_id from public.leads l join public.conversations c on c.contact_id = l.contact_id where c.id = $1",
      [m.conversationId],
    );
    expect(lead).toEqual({
      source: "assistant",
      name: "Анна",
      phone: "+79990001122",
      need: "укладка ламината 40 м²",
      budget: null,
      channel_id: bot.id,
    });
    const [contact] = await rows(
      "select ct.name, ct.phone from public.contacts ct join public.conversations c on c.contact_id = ct.id where c.id = $1",
      [m.conversationId],
    );
    // The name Telegram gave stays; the empty phone is filled.
    expect(contact).toEqual({ name: "Chris", phone: "+79990001122" });
    expect(chatRequests()).toHaveLength(2);
    expect(toolResults(chatRequests()[1])[0].content).toBe("The lead is saved.");
    expect(fakes.telegram.callsTo("sendMessage").at(-1)?.params.text).toBe("Спасибо, Анна! Записала.");
  });

  it("request_callback creates a call-back task for the assignee and notifies them", async () => {
    const chat = newChatId();
    toolThenText(
      () => ({
        name: "request_callback",
        arguments: { phone: "+79990002233", preferredTime: "завтра после обеда", note: "Хочет обсудить смету" },
      }),
      "Менеджер перезвонит вам завтра после обеда.",
    );
    const m = await clientWrites(bot, chat, "Перезвоните мне завтра после обеда, пожалуйста");
    const assign = await conversationRoute.PATCH(
      jsonRequest(`/api/messaging/conversations/${m.conversationId}`, {
        method: "PATCH",
        token: a.owner.token,
        body: { assigneeId: a.agent.userId },
      }),
      params({ id: m.conversationId }),
    );
    expect(assign.status).toBe(200);
    await runAfterInbound(m.messageId);

    const tasks = await rows(
      "select kind, assignee_id, phone, preferred_time, notes, source, status from public.tasks where conversation_id = $1",
      [m.conversationId],
    );
    expect(tasks).toEqual([
      {
        kind: "callback",
        assignee_id: a.agent.userId,
        phone: "+79990002233",
        preferred_time: "завтра после обеда",
        notes: "Хочет обсудить смету",
        source: "assistant",
        status: "open",
      },
    ]);
    const notes = await rows("select kind, user_id from public.notifications where conversation_id = $1", [
      m.conversationId,
    ]);
    expect(notes).toEqual([{ kind: "callback", user_id: a.agent.userId }]);
  });

  it("book_appointment books a free slot, notifies, and the slot is no longer offered", async () => {
    const chat = newChatId();
    let offered: string[] = [];
    toolThenText((req) => {
      offered = offeredSlots(req);
      return { name: "book_appointment", arguments: { slot: offered[0], note: "замер" } };
    }, "Записала вас на замер.");
    const m = await clientWrites(bot, chat, "Хочу записаться на замер");
    await runAfterInbound(m.messageId);

    expect(offered.length).toBeGreaterThan(0);
    const startsAt = new Date(`${offered[0].replace(" ", "T")}:00Z`);
    expect(startsAt.getTime()).toBeGreaterThan(Date.now());
    expect(startsAt.getUTCHours()).toBeGreaterThanOrEqual(10);
    const booked = await rows(
      "select starts_at, ends_at, note, source, status from public.appointments where conversation_id = $1",
      [m.conversationId],
    );
    expect(booked).toHaveLength(1);
    expect(new Date(booked[0].starts_at as string).toISOString()).toBe(startsAt.toISOString());
    expect(new Date(booked[0].ends_at as string).getTime() - startsAt.getTime()).toBe(3_600_000);
    expect(booked[0]).toMatchObject({ note: "замер", source: "assistant", status: "booked" });
    expect(toolResults(chatRequests()[1])[0].content).toMatch(/^Booked for/);
    const notes = await rows("select kind from public.notifications where conversation_id = $1", [m.conversationId]);
    expect(notes).toEqual([{ kind: "appointment" }]);

    fakes.openai.reset();
    fakes.openai.setHandler(() => ({ kind: "chat", content: "ok" }));
    const next = await clientWrites(bot, newChatId(), "А ещё свободное время есть?");
    await runAfterInbound(next.messageId);
    expect(offeredSlots(chatRequests()[0])).not.toContain(offered[0]);
  });

  it("a slot taken meanwhile is refused (one booking per slot) and the model is told so", async () => {
    const rival = await clientWrites(bot, newChatId(), "Здравствуйте");
    const [{ contact_id: rivalContact }] = await rows("select contact_id from public.conversations where id = $1", [
      rival.conversationId,
    ]);
    let startsAt = new Date(0);
    fakes.openai.setHandler(async (req): Promise<FakeAnswer | undefined> => {
      if (req.path !== "/v1/chat/completions") return undefined;
      if (toolResults(req).length) return { kind: "chat", content: "Это время уже заняли, выберите другое." };
      const slot = offeredSlots(req)[0];
      startsAt = new Date(`${slot.replace(" ", "T")}:00Z`);
      // Between listing the free slots and booking one, another client takes it.
      await rows(
        `insert into public.appointments (org_id, contact_id, starts_at, ends_at, source)
         select org_id, $2, $3, $4, 'manual' from public.conversations where id = $1`,
        [rival.conversationId, rivalContact, startsAt, new Date(startsAt.getTime() + 3_600_000)],
      );
      return { kind: "chat", toolCalls: [{ name: "book_appointment", arguments: { slot, note: null } }] };
    });
    const m = await clientWrites(bot, newChatId(), "Запишите меня на ближайшее время");
    await runAfterInbound(m.messageId);

    const atSlot = await rows("select contact_id from public.appointments where starts_at = $1 and status = 'booked'", [
      startsAt,
    ]);
    expect(atSlot).toEqual([{ contact_id: rivalContact }]);
    expect(toolResults(chatRequests()[1])[0].content).toMatch(/just taken/);
    const notes = await rows("select kind from public.notifications where conversation_id = $1", [m.conversationId]);
    expect(notes).toEqual([]);
  });
});
