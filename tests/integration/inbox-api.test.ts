import { beforeAll, describe, expect, it } from "vitest";
import * as openapi from "@/app/api/openapi.json/route";
import * as contactMerge from "@/app/api/contacts/[id]/merge/route";
import * as contactItem from "@/app/api/contacts/[id]/route";
import * as suggestionItem from "@/app/api/contacts/merge-suggestions/[id]/route";
import * as conversationItem from "@/app/api/messaging/conversations/[id]/route";
import * as inbox from "@/app/api/messaging/inbox/route";
import * as read from "@/app/api/messaging/messages/[id]/read/route";
import * as messages from "@/app/api/messaging/messages/route";
import * as send from "@/app/api/messaging/send/route";
import { asService, withUser } from "@/lib/db";
import type { ChannelRecord, InboundMessage, ChannelType } from "@/lib/channels/types";
import { ingestParsed } from "@/lib/inbox/ingest";
import { optKeyword } from "@/lib/inbox/networks";
import { normalizePhone } from "@/lib/inbox/phone";
import { inboxParams, inboxQuery, type InboxItem } from "@/lib/inbox/inbox";
import type { MessageView } from "@/lib/inbox/message-view";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { team, type Person } from "../helpers/inbox";

let seq = 0;
function inbound(threadId: string, text: string, sender: Partial<InboundMessage["sender"]> = {}): InboundMessage {
  return {
    kind: "message",
    providerMessageId: `m${++seq}-${Math.random().toString(36).slice(2)}`,
    threadId,
    sender: { externalId: threadId, name: "Client", ...sender },
    occurredAt: new Date(),
    type: "text",
    text,
    media: [],
    fromBusiness: false,
  };
}

/** A channel row as the service would have it (ingestParsed needs no adapter). */
async function channelOf(orgId: string, type: ChannelType, name: string): Promise<ChannelRecord> {
  const [row] = await asService((sql) =>
    sql.query<{ id: string }>("insert into public.channels (org_id, type, name) values ($1, $2, $3) returning id", [
      orgId,
      type,
      name,
    ]),
  );
  return { id: row.id, orgId, type, name, config: {}, secrets: {} };
}

const store = (channel: ChannelRecord, ...events: InboundMessage[]) =>
  ingestParsed(channel, { eventId: `e-${++seq}`, events }, { test: true });

async function orgOf(person: Person) {
  const [row] = await asService((sql) =>
    sql.query<{ org_id: string }>("select org_id from public.memberships where user_id = $1", [person.userId]),
  );
  return row.org_id;
}

const countMessages = async (conversationId: string) =>
  (await asService((sql) => sql.query("select 1 from public.messages where conversation_id = $1", [conversationId])))
    .length;

const get = (path: string, who: Person) => jsonRequest(path, { token: who.token });
async function list(who: Person, query = ""): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
  const res = await inbox.GET(get(`/api/messaging/inbox${query}`, who));
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

describeEachDb("inbox API", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let a: Awaited<ReturnType<typeof team>>;
  let b: Awaited<ReturnType<typeof team>>;
  let telegram: ChannelRecord;
  let whatsapp: ChannelRecord;
  let instagram: ChannelRecord;

  beforeAll(async () => {
    a = await team(`api-a-${tag}`, "Stroy");
    b = await team(`api-b-${tag}`, "Rival");
    const orgId = await orgOf(a.owner);
    telegram = await channelOf(orgId, "telegram", "Bot");
    whatsapp = await channelOf(orgId, "whatsapp_cloud", "WhatsApp");
    instagram = await channelOf(orgId, "instagram", "Instagram");
  });

  it("pages the inbox newest first with a keyset cursor, without repeats or gaps", async () => {
    for (let i = 0; i < 7; i++) await store(telegram, inbound(`page-${i}`, `message ${i}`));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(a.agent, `?channel=${telegram.id}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((i) => i.lastMessage.preview));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `message ${i}`));
    const bad = await inbox.GET(get("/api/messaging/inbox?cursor=garbage", a.agent));
    expect(bad.status).toBe(400);
  });

  it("searches messages in Russian and English, whatever the word's form", async () => {
    await store(telegram, inbound("search-ru", "Здравствуйте, ищу квартиру в новостройке"));
    await store(telegram, inbound("search-en", "We are looking for apartments near the park"));
    const ru = await list(a.agent, `?q=${encodeURIComponent("квартира")}`);
    expect(ru.items.map((i) => i.lastMessage.preview)).toEqual(["Здравствуйте, ищу квартиру в новостройке"]);
    const en = await list(a.agent, "?q=apartment");
    expect(en.items.map((i) => i.lastMessage.preview)).toEqual(["We are looking for apartments near the park"]);
    expect((await list(a.agent, "?q=bathroom")).items).toEqual([]);
  });

  it("filters by status, assignee, unread and channel; PATCH changes them", async () => {
    const { messages: stored } = await store(whatsapp, inbound("79991112233", "Need a quote"));
    const id = stored[0].conversationId;
    const patch = (body: unknown, who = a.agent) =>
      conversationItem.PATCH(
        jsonRequest(`/api/messaging/conversations/${id}`, { method: "PATCH", token: who.token, body }),
        params({ id }),
      );
    const ids = async (query: string) => (await list(a.agent, query)).items.map((i) => i.id);

    expect(await ids(`?channel=${whatsapp.id}&unread=true`)).toEqual([id]);
    expect(await ids("?assignee=unassigned")).toContain(id);
    expect(await ids("?assignee=me")).not.toContain(id);

    const assigned = await patch({ assigneeId: a.agent.userId, status: "pending" });
    expect(assigned.status).toBe(200);
    expect(await assigned.json()).toMatchObject({ status: "pending", assignee: { id: a.agent.userId } });
    expect(await ids("?assignee=me&status=pending")).toEqual([id]);
    expect(await ids(`?assignee=${a.agent.userId}`)).toEqual([id]);
    expect(await ids("?status=open")).not.toContain(id);

    expect((await patch({ unread: false })).status).toBe(200);
    expect(await ids(`?channel=${whatsapp.id}&unread=true`)).toEqual([]);
    expect(await (await patch({ unread: true })).json()).toMatchObject({ unreadCount: 1 });

    expect((await patch({ assigneeId: b.owner.userId })).status).toBe(400);
    expect((await patch({ status: "resolved" }, a.viewer)).status).toBe(403);
    expect((await patch({ status: "archived" })).status).toBe(400);

    // A new message from the client reopens a resolved conversation.
    await patch({ status: "resolved" });
    await store(whatsapp, inbound("79991112233", "One more question"));
    expect(await ids("?status=open")).toContain(id);
  });

  it("pages a thread newest first and marks it read up to a message", async () => {
    const thread = "thread-1";
    for (let i = 0; i < 5; i++) await store(telegram, inbound(thread, `line ${i}`));
    const [{ id: conversationId }] = (await list(a.agent, `?channel=${telegram.id}`)).items.filter(
      (i) => i.lastMessage.preview === "line 4",
    );
    const page = async (before?: string) => {
      const res = await messages.GET(
        get(
          `/api/messaging/messages?conversationId=${conversationId}&limit=2${before ? `&before=${before}` : ""}`,
          a.agent,
        ),
      );
      expect(res.status).toBe(200);
      return (await res.json()) as { items: MessageView[]; nextCursor: string | null };
    };
    const first = await page();
    const second = await page(first.nextCursor!);
    const third = await page(second.nextCursor!);
    expect([...first.items, ...second.items, ...third.items].map((m) => m.text)).toEqual([
      "line 4",
      "line 3",
      "line 2",
      "line 1",
      "line 0",
    ]);
    expect(third.nextCursor).toBeNull();

    const upTo = second.items[0]; // "line 2": two newer messages stay unread
    const res = await read.PATCH(
      jsonRequest(`/api/messaging/messages/${upTo.id}/read`, { method: "PATCH", token: a.agent.token }),
      params({ id: upTo.id }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ conversationId, unreadCount: 2 });
  });

  it("matches a contact across channels by phone, and suggests a merge for the same name and username", async () => {
    const { messages: tg } = await store(
      telegram,
      inbound("7001", "Hi from Telegram", { name: "Anna Smirnova", username: "anna_s" }),
    );
    const tgConversation = tg[0].conversationId;
    const detail = async (id: string) => {
      const res = await conversationItem.GET(get(`/api/messaging/conversations/${id}`, a.agent), params({ id }));
      expect(res.status).toBe(200);
      return res.json();
    };
    const contactId = (await detail(tgConversation)).contact.id as string;
    const patched = await contactItem.PATCH(
      jsonRequest(`/api/contacts/${contactId}`, {
        method: "PATCH",
        token: a.agent.token,
        body: { phone: "+7 (916) 555-12-34", notes: "Wants a 2-room flat", tags: ["hot", "hot", "ремонт"] },
      }),
      params({ id: contactId }),
    );
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ phone: "+79165551234", tags: ["hot", "ремонт"] });

    // The same person writes on WhatsApp: one contact, two identities.
    const { messages: wa } = await store(
      whatsapp,
      inbound("79165551234", "Hi from WhatsApp", { phone: "+79165551234" }),
    );
    const waDetail = await detail(wa[0].conversationId);
    expect(waDetail.contact.id).toBe(contactId);
    expect(waDetail.contact).toMatchObject({ notes: "Wants a 2-room flat", phones: ["+79165551234"] });
    expect(waDetail.contact.identities.map((i: { network: string }) => i.network).sort()).toEqual([
      "telegram",
      "whatsapp",
    ]);

    // On Instagram with the same name and username: a new contact, and a suggestion to merge them.
    const { messages: ig } = await store(
      instagram,
      inbound("ig-991", "Hi from Instagram", { name: "Anna Smirnova", username: "anna_s" }),
    );
    const igDetail = await detail(ig[0].conversationId);
    expect(igDetail.contact.id).not.toBe(contactId);
    expect(igDetail.contact.mergeSuggestions).toEqual([
      expect.objectContaining({ otherContactId: contactId, reason: "name_username" }),
    ]);
    const badPhone = await contactItem.PATCH(
      jsonRequest(`/api/contacts/${contactId}`, { method: "PATCH", token: a.agent.token, body: { phone: "12" } }),
      params({ id: contactId }),
    );
    expect(badPhone.status).toBe(400);

    // The agent agrees: one person. Identities and conversations move; the suggestion is closed.
    const merge = (keep: string, body: unknown, who = a.agent) =>
      contactMerge.POST(jsonRequest(`/api/contacts/${keep}/merge`, { token: who.token, body }), params({ id: keep }));
    const igContactId = igDetail.contact.id as string;
    expect((await merge(contactId, { otherContactId: igContactId }, a.viewer)).status).toBe(403);
    expect((await merge(contactId, { otherContactId: igContactId }, b.agent)).status).toBe(404);
    const merged = await merge(contactId, { otherContactId: igContactId });
    expect(merged.status).toBe(200);
    const survivor = await merged.json();
    expect(survivor.identities.map((i: { network: string }) => i.network).sort()).toEqual([
      "instagram",
      "telegram",
      "whatsapp",
    ]);
    expect(survivor.mergeSuggestions).toEqual([]);
    expect((await detail(ig[0].conversationId)).contact.id).toBe(contactId);
    // A later message on Instagram lands on the survivor.
    const { messages: later } = await store(instagram, inbound("ig-991", "Still me", { name: "Anna Smirnova" }));
    expect((await detail(later[0].conversationId)).contact.id).toBe(contactId);
    expect((await merge(contactId, { otherContactId: igContactId })).status).toBe(404);

    // Two look-alikes who are different people: the suggestion is dismissed.
    const { messages: twin } = await store(
      telegram,
      inbound("7002", "Hi", { name: "Anna Smirnova", username: "anna_s" }),
    );
    const twinContact = (await detail(twin[0].conversationId)).contact;
    const [suggestion] = twinContact.mergeSuggestions;
    const dismissed = await suggestionItem.PATCH(
      jsonRequest(`/api/contacts/merge-suggestions/${suggestion.id}`, {
        method: "PATCH",
        token: a.agent.token,
        body: { status: "dismissed" },
      }),
      params({ id: suggestion.id }),
    );
    expect(dismissed.status).toBe(204);
    expect((await detail(twin[0].conversationId)).contact.mergeSuggestions).toEqual([]);
  });

  it("keeps another organisation's agent out of every conversation, message and contact", async () => {
    const { messages: stored } = await store(telegram, inbound("secret-thread", "confidential offer"));
    const { conversationId, messageId } = stored[0];
    const rival = b.agent;
    expect((await list(rival)).items).toEqual([]);
    expect((await list(rival, "?q=confidential")).items).toEqual([]);
    const detail = await conversationItem.GET(
      get(`/api/messaging/conversations/${conversationId}`, rival),
      params({ id: conversationId }),
    );
    expect(detail.status).toBe(404);
    const thread = await messages.GET(get(`/api/messaging/messages?conversationId=${conversationId}`, rival));
    expect(thread.status).toBe(404);
    const mark = await read.PATCH(
      jsonRequest(`/api/messaging/messages/${messageId}/read`, { method: "PATCH", token: rival.token }),
      params({ id: messageId }),
    );
    expect(mark.status).toBe(404);
    const change = await conversationItem.PATCH(
      jsonRequest(`/api/messaging/conversations/${conversationId}`, {
        method: "PATCH",
        token: rival.token,
        body: { status: "resolved", unread: false },
      }),
      params({ id: conversationId }),
    );
    expect(change.status).toBe(404);
    const sent = await send.POST(
      jsonRequest("/api/messaging/send", { token: rival.token, body: { conversationId, text: "poaching" } }),
    );
    expect(sent.status).toBe(404);
    const [{ contact_id: contactId }] = await asService((sql) =>
      sql.query<{ contact_id: string }>("select contact_id from public.conversations where id = $1", [conversationId]),
    );
    const contact = await contactItem.PATCH(
      jsonRequest(`/api/contacts/${contactId}`, { method: "PATCH", token: rival.token, body: { notes: "mine now" } }),
      params({ id: contactId }),
    );
    expect(contact.status).toBe(404);
    expect(await countMessages(conversationId)).toBe(1);
    const [row] = await asService((sql) =>
      sql.query<{ status: string; unread_count: number }>(
        "select status, unread_count from public.conversations where id = $1",
        [conversationId],
      ),
    );
    expect(row).toEqual({ status: "open", unread_count: 1 });
  });

  it("finds the same conversations whether a word is searched as common or as rare", async () => {
    for (let i = 0; i < 4; i++) await store(telegram, inbound(`plan-${i}`, `Нужен ремонт санузла, вариант ${i}`));
    await store(whatsapp, inbound("79990001122", "Сколько стоит ремонт кухни?"));
    const orgId = await orgOf(a.owner);
    const asAgent = <T>(text: string, values: unknown[]) =>
      withUser({ sub: a.agent.userId, role: "authenticated" }, (sql) => sql.query<T>(text, values));
    const many = (q: string, threshold: number, who = a.agent) =>
      withUser({ sub: who.userId, role: "authenticated" }, (sql) =>
        sql.query<{ many: boolean }>("select private.search_matches_many($1, $2, $3) as many", [orgId, q, threshold]),
      ).then(([r]) => r.many);
    expect(await many("ремонт", 5)).toBe(true);
    expect(await many("ремонт", 6)).toBe(false);
    expect(await many("ремонт", 1, b.agent)).toBe(false);

    for (const q of ["ремонт", "ремонта кухни", "санузел", "квартира", "bathroom", "-ремонт кухни"]) {
      for (const channel of [null, telegram.id]) {
        const params = inboxParams(orgId, a.agent.userId, { limit: 3, q, channel: channel ?? undefined });
        const [rare, common] = await Promise.all(
          (["rare", "common"] as const).map((plan) => asAgent<{ id: string }>(inboxQuery(plan), params)),
        );
        expect(
          common.map((r) => r.id),
          `${q} in ${channel ?? "all channels"}`,
        ).toEqual(rare.map((r) => r.id));
      }
    }
    expect((await list(a.agent, `?q=${encodeURIComponent("ремонт")}`)).items).toHaveLength(5);
  });
});

describe("inbox building blocks", () => {
  it("normalises phone numbers as providers and people write them", () => {
    expect(normalizePhone("+7 (916) 555-12-34")).toBe("+79165551234");
    expect(normalizePhone("79165551234")).toBe("+79165551234");
    expect(normalizePhone("whatsapp:+14155238886")).toBe("+14155238886");
    expect(normalizePhone("12")).toBeUndefined();
    expect(normalizePhone("call me")).toBeUndefined();
  });

  it("knows opt-out and opt-in keywords, and nothing longer", () => {
    expect(["STOP", "стоп", "/stop", "Отписаться!", "unsubscribe"].map(optKeyword)).toEqual(Array(5).fill("out"));
    expect(["START", "старт", "/start"].map(optKeyword)).toEqual(["in", "in", "in"]);
    expect(optKeyword("please stop calling me at work")).toBeUndefined();
  });

  it("describes the inbox routes in /api/openapi.json with their query parameters", async () => {
    const doc = await (await openapi.GET(new Request("http://localhost:3000/api/openapi.json"))).json();
    const inboxParams = doc.paths["/api/messaging/inbox"].get.parameters.map((p: { name: string }) => p.name);
    expect(inboxParams).toEqual(expect.arrayContaining(["channel", "status", "assignee", "unread", "q", "cursor"]));
    for (const path of ["/api/messaging/send", "/api/channels", "/api/messaging/templates/sync"]) {
      expect(doc.paths[path].post, path).toBeDefined();
    }
    expect(doc.paths["/api/messaging/messages/{id}/read"].patch).toBeDefined();
  });
});
