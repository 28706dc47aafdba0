import { beforeAll, expect, it } from "vitest";
import * as cannedItem from "@/app/api/messaging/canned/[id]/route";
import * as canned from "@/app/api/messaging/canned/route";
import * as noteItem from "@/app/api/messaging/notes/[id]/route";
import * as notes from "@/app/api/messaging/notes/route";
import * as notifications from "@/app/api/notifications/route";
import * as messages from "@/app/api/messaging/messages/route";
import { fillCanned } from "@/lib/inbox/canned";
import { describeEachDb } from "../helpers/db";
import { count, team } from "../helpers/inbox";
import { call, channelOf, clientWrites, expectStatus, orgOf } from "../helpers/workday";

describeEachDb("canned responses and private notes", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let a: Awaited<ReturnType<typeof team>>;
  let b: Awaited<ReturnType<typeof team>>;
  let conversationId: string;

  beforeAll(async () => {
    a = await team(`cn-a-${tag}`, "Stroy");
    b = await team(`cn-b-${tag}`, "Rival");
    const channel = await channelOf(await orgOf(a.owner), "telegram", "Bot");
    ({ conversationId } = await clientWrites(channel, "cn-thread", "Здравствуйте, сколько стоит ремонт?", "Мария"));
  });

  it("keeps the organisation's canned responses and each agent's own, visible to that agent only", async () => {
    const orgWide = await call(canned.POST, a.owner, {
      body: {
        shortcut: "price",
        title: "Price list",
        body: "Здравствуйте, {{client_name}}! Меня зовут {{agent_name}}.",
        scope: "organization",
      },
    });
    expectStatus(orgWide, 201);
    expect(orgWide.json).toMatchObject({ shortcut: "price", scope: "organization" });
    const mine = await call(canned.POST, a.agent, {
      body: { shortcut: "bye", title: "Goodbye", body: "Всего доброго!" },
    });
    expectStatus(mine, 201);
    expect(mine.json.scope).toBe("personal");

    const agentSees = await call(canned.GET, a.agent, { path: "/api/messaging/canned" });
    expect(agentSees.json.map((c: { shortcut: string }) => c.shortcut)).toEqual(["bye", "price"]);
    const ownerSees = await call(canned.GET, a.owner, { path: "/api/messaging/canned" });
    expect(ownerSees.json.map((c: { shortcut: string }) => c.shortcut)).toEqual(["price"]);
    expect((await call(canned.GET, a.agent, { path: "/api/messaging/canned?q=pri" })).json).toHaveLength(1);

    // An agent may not write the organisation's; the same shortcut twice in one scope is a conflict.
    expectStatus(
      await call(canned.POST, a.agent, { body: { shortcut: "x", title: "x", body: "x", scope: "organization" } }),
      403,
    );
    expectStatus(
      await call(canned.POST, a.owner, { body: { shortcut: "PRICE", title: "t", body: "b", scope: "organization" } }),
      409,
    );
    // Another person's personal one is invisible: 404, as for another organisation's.
    expectStatus(
      await call(cannedItem.PATCH, a.owner, { method: "PATCH", id: mine.json.id, body: { title: "mine" } }),
      404,
    );
    expectStatus(
      await call(cannedItem.PATCH, a.agent, { method: "PATCH", id: orgWide.json.id, body: { title: "mine" } }),
      403,
    );
    const renamed = await call(cannedItem.PATCH, a.agent, {
      method: "PATCH",
      id: mine.json.id,
      body: { title: "До свидания" },
    });
    expect(renamed.json.title).toBe("До свидания");

    expect(fillCanned(orgWide.json.body, { client_name: "Мария", agent_name: "Олег" })).toBe(
      "Здравствуйте, Мария! Меня зовут Олег.",
    );
    expect(fillCanned("Hi {{client_name}}", {})).toBe("Hi {{client_name}}");
  });

  it("answers bad canned input with a 400 naming the field, and changes nothing", async () => {
    const before = await count("canned_responses", "true", []);
    const bad = await call(canned.POST, a.agent, { body: { shortcut: "has space", title: "t", body: "b" } });
    expectStatus(bad, 400);
    expect(bad.json.error.message).toMatch(/^body: shortcut:/);
    const unknownVar = await call(canned.POST, a.agent, { body: { shortcut: "v", title: "t", body: "Hi {{phone}}" } });
    expectStatus(unknownVar, 400);
    expect(unknownVar.json.error.message).toMatch(/^body: body: only these variables/);
    expectStatus(await call(canned.POST, a.viewer, { body: { shortcut: "v", title: "t", body: "b" } }), 403);
    expect(await count("canned_responses", "true", [])).toBe(before);
  });

  it("keeps another organisation out of canned responses (404) and shows it none", async () => {
    const [theirs] = (await call(canned.GET, a.owner, { path: "/api/messaging/canned" })).json;
    expect((await call(canned.GET, b.owner, { path: "/api/messaging/canned" })).json).toEqual([]);
    expectStatus(await call(cannedItem.PATCH, b.owner, { method: "PATCH", id: theirs.id, body: { title: "x" } }), 404);
    expectStatus(await call(cannedItem.DELETE, b.owner, { method: "DELETE", id: theirs.id }), 404);
    expectStatus(await call(cannedItem.DELETE, a.owner, { method: "DELETE", id: theirs.id }), 204);
  });

  it("stores a private note that is never sent, and notifies the member it mentions", async () => {
    const note = await call(notes.POST, a.owner, {
      body: { conversationId, body: "@agent-cn-a оптовый клиент, перезвони", mentions: [a.agent.userId] },
    });
    expectStatus(note, 201);
    expect(note.json).toMatchObject({ body: "@agent-cn-a оптовый клиент, перезвони", author: { id: a.owner.userId } });
    expect(note.json.mentions).toEqual([{ id: a.agent.userId, name: expect.stringContaining("agent-cn-a") }]);

    // Not a message: nothing in the thread, nothing queued for the provider.
    const thread = await call(messages.GET, a.owner, {
      path: `/api/messaging/messages?conversationId=${conversationId}`,
    });
    expect(thread.json.items).toHaveLength(1);
    expect(await count("jobs", "name = 'outbox.send'", [])).toBe(0);

    const agentBell = await call(notifications.GET, a.agent, { path: "/api/notifications" });
    expect(agentBell.json.notifications).toEqual([
      expect.objectContaining({
        kind: "mention",
        conversationId,
        body: note.json.body,
        title: expect.stringContaining("Owner"),
      }),
    ]);
    // The author and the others are not notified.
    const ownerBell = await call(notifications.GET, a.owner, { path: "/api/notifications" });
    expect(ownerBell.json.notifications.filter((n: { kind: string }) => n.kind === "mention")).toEqual([]);

    const listed = await call(notes.GET, a.viewer, { path: `/api/messaging/notes?conversationId=${conversationId}` });
    expect(listed.json.map((n: { id: string }) => n.id)).toEqual([note.json.id]);
  });

  it("refuses notes from viewers, mentions of non-members, and another organisation's conversation", async () => {
    const before = await count("conversation_notes", "true", []);
    expectStatus(await call(notes.POST, a.viewer, { body: { conversationId, body: "hi" } }), 403);
    const outsider = await call(notes.POST, a.owner, {
      body: { conversationId, body: "hi", mentions: [b.owner.userId] },
    });
    expectStatus(outsider, 400);
    expect(outsider.json.error.message).toMatch(/^mentions:/);
    const empty = await call(notes.POST, a.owner, { body: { conversationId, body: "  " } });
    expect(empty.json.error.message).toMatch(/^body: body:/);
    expectStatus(await call(notes.POST, b.owner, { body: { conversationId, body: "mine now" } }), 404);
    expectStatus(
      await call(notes.GET, b.owner, { path: `/api/messaging/notes?conversationId=${conversationId}` }),
      404,
    );
    expect(await count("conversation_notes", "true", [])).toBe(before);
    expect(await count("notifications", "user_id = $1", [b.owner.userId])).toBe(0);
  });

  it("lets the author or an admin remove a note, not another agent or organisation", async () => {
    const note = await call(notes.POST, a.owner, { body: { conversationId, body: "temporary" } });
    expectStatus(await call(noteItem.DELETE, a.agent, { method: "DELETE", id: note.json.id }), 403);
    expectStatus(await call(noteItem.DELETE, b.owner, { method: "DELETE", id: note.json.id }), 404);
    expectStatus(await call(noteItem.DELETE, a.owner, { method: "DELETE", id: note.json.id }), 204);
  });
});
