import { beforeAll, expect, it } from "vitest";
import * as openapi from "@/app/api/openapi.json/route";
import * as bulk from "@/app/api/messaging/conversations/bulk/route";
import * as conversationLabels from "@/app/api/messaging/conversations/[id]/labels/route";
import * as conversationItem from "@/app/api/messaging/conversations/[id]/route";
import * as inbox from "@/app/api/messaging/inbox/route";
import * as unread from "@/app/api/messaging/inbox/unread/route";
import * as labelItem from "@/app/api/messaging/labels/[id]/route";
import * as labels from "@/app/api/messaging/labels/route";
import * as presence from "@/app/api/messaging/presence/route";
import { asService } from "@/lib/db";
import type { ChannelRecord } from "@/lib/channels/types";
import type { InboxItem } from "@/lib/inbox/inbox";
import { wakeSnoozedJob } from "@/lib/inbox/snooze";
import { describeEachDb } from "../helpers/db";
import { count, team, type Person } from "../helpers/inbox";
import { call, channelOf, clientWrites, expectStatus, orgOf } from "../helpers/workday";

const list = async (who: Person, query = ""): Promise<InboxItem[]> => {
  const res = await call(inbox.GET, who, { path: `/api/messaging/inbox${query}` });
  expectStatus(res, 200);
  return res.json.items;
};

describeEachDb("labels, bulk actions, snooze, search and presence", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let a: Awaited<ReturnType<typeof team>>;
  let b: Awaited<ReturnType<typeof team>>;
  let orgId: string;
  let channel: ChannelRecord;

  beforeAll(async () => {
    a = await team(`ls-a-${tag}`, "Stroy");
    b = await team(`ls-b-${tag}`, "Rival");
    orgId = await orgOf(a.owner);
    channel = await channelOf(orgId, "telegram", "Bot");
  });

  it("labels conversations, filters the list by a label and shows labels on its rows", async () => {
    const vip = await call(labels.POST, a.owner, { body: { name: "VIP", color: "amber" } });
    expectStatus(vip, 201);
    expectStatus(await call(labels.POST, a.agent, { body: { name: "Agents cannot" } }), 403);
    expectStatus(await call(labels.POST, a.owner, { body: { name: "vip" } }), 409);
    const badColor = await call(labels.POST, a.owner, { body: { name: "x", color: "plaid" } });
    expect(badColor.json.error.message).toMatch(/^body: color:/);

    const one = await clientWrites(channel, "lbl-1", "first");
    const two = await clientWrites(channel, "lbl-2", "second");
    const labelled = await call(conversationLabels.POST, a.agent, {
      id: one.conversationId,
      body: { add: [vip.json.id] },
    });
    expectStatus(labelled, 200);
    expect(labelled.json.labels).toEqual([{ id: vip.json.id, name: "VIP", color: "amber" }]);

    expect((await list(a.agent, `?label=${vip.json.id}`)).map((i) => i.id)).toEqual([one.conversationId]);
    const row = (await list(a.agent)).find((i) => i.id === two.conversationId);
    expect(row?.labels).toEqual([]);

    const renamed = await call(labelItem.PATCH, a.owner, { method: "PATCH", id: vip.json.id, body: { color: "red" } });
    expect(renamed.json).toMatchObject({ name: "VIP", color: "red" });
    const off = await call(conversationLabels.POST, a.agent, {
      id: one.conversationId,
      body: { remove: [vip.json.id] },
    });
    expect(off.json.labels).toEqual([]);
    expectStatus(
      await call(conversationLabels.POST, a.viewer, { id: one.conversationId, body: { add: [vip.json.id] } }),
      403,
    );
  });

  it("keeps labels within their organisation: another's label is a 400, another's conversation or label a 404", async () => {
    const theirs = await call(labels.POST, b.owner, { body: { name: "Rival label" } });
    const mine = (await call(labels.GET, a.owner, { path: "/api/messaging/labels" })).json[0];
    const conv = await clientWrites(channel, "lbl-iso", "isolated");
    const foreign = await call(conversationLabels.POST, a.agent, {
      id: conv.conversationId,
      body: { add: [theirs.json.id] },
    });
    expectStatus(foreign, 400);
    expect(foreign.json.error.message).toMatch(/^add:/);
    expectStatus(
      await call(conversationLabels.POST, b.owner, { id: conv.conversationId, body: { add: [theirs.json.id] } }),
      404,
    );
    expectStatus(await call(labelItem.PATCH, b.owner, { method: "PATCH", id: mine.id, body: { name: "taken" } }), 404);
    expectStatus(await call(labelItem.DELETE, b.owner, { method: "DELETE", id: mine.id }), 404);
    expect(
      (await call(labels.GET, b.owner, { path: "/api/messaging/labels" })).json.map((l: { id: string }) => l.id),
    ).toEqual([theirs.json.id]);
    expect(await count("conversation_labels", "conversation_id = $1", [conv.conversationId])).toBe(0);
  });

  it("assigns, labels and resolves a selection at once, all or nothing", async () => {
    const label = (await call(labels.POST, a.owner, { body: { name: "Wholesale", color: "green" } })).json;
    const ids = [
      (await clientWrites(channel, "bulk-1", "one")).conversationId,
      (await clientWrites(channel, "bulk-2", "two")).conversationId,
    ];
    const done = await call(bulk.POST, a.agent, {
      body: { ids, assigneeId: a.agent.userId, labels: { add: [label.id] }, status: "resolved" },
    });
    expectStatus(done, 200);
    expect(done.json).toEqual({ updated: 2 });
    const resolved = await list(a.agent, `?status=resolved&label=${label.id}`);
    expect(resolved.map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(resolved.every((i) => i.assignee?.id === a.agent.userId)).toBe(true);

    const rivalConv = await clientWrites(await channelOf(await orgOf(b.owner), "telegram", "Rival bot"), "bulk-r", "x");
    const mixed = await call(bulk.POST, a.agent, { body: { ids: [ids[0], rivalConv.conversationId], status: "open" } });
    expectStatus(mixed, 404);
    expect((await list(a.agent, "?status=open")).map((i) => i.id)).not.toContain(ids[0]);
    expectStatus(await call(bulk.POST, b.owner, { body: { ids, status: "open" } }), 404);
    const empty = await call(bulk.POST, a.agent, { body: { ids: [] } });
    expect(empty.json.error.message).toMatch(/^body: ids:/);
    expectStatus(await call(bulk.POST, a.viewer, { body: { ids, status: "open" } }), 403);
  });

  it("snoozes a conversation out of the list; the scheduled job brings it back open and unread", async () => {
    const { conversationId } = await clientWrites(channel, "snooze-1", "call me next week");
    const patch = (body: unknown, who = a.agent) =>
      call(conversationItem.PATCH, who, { method: "PATCH", id: conversationId, body });
    expectStatus(await patch({ unread: false, status: "pending" }), 200);
    const until = new Date(Date.now() + 60 * 60_000).toISOString();
    const snoozed = await patch({ snoozedUntil: until });
    expectStatus(snoozed, 200);
    expect(snoozed.json.snoozedUntil).toBe(until);
    expect((await list(a.agent, "?status=pending")).map((i) => i.id)).not.toContain(conversationId);
    expect((await list(a.agent, "?snoozed=true")).map((i) => i.id)).toEqual([conversationId]);

    // The wake-up is queued for that time, for this organisation.
    const [job] = await asService((sql) =>
      sql.query<{ org_id: string; run_at: Date; payload: { conversationId: string } }>(
        "select org_id, run_at, payload from public.jobs where name = $1 and payload ->> 'conversationId' = $2",
        [wakeSnoozedJob.name, conversationId],
      ),
    );
    expect(job).toMatchObject({ org_id: orgId, payload: { conversationId, until } });
    expect(new Date(job.run_at).toISOString()).toBe(until);

    const ctx = {
      jobId: "j",
      orgId,
      attempt: 1,
      maxAttempts: 5,
      signal: new AbortController().signal,
      progress: async () => {},
    };
    // Run early (as a stale job would be after a re-snooze to later): nothing changes.
    expect(await wakeSnoozedJob.run({ conversationId, until: new Date(Date.now() - 1000).toISOString() }, ctx)).toEqual(
      { woke: false },
    );
    await asService((sql) =>
      sql.query("update public.conversations set snoozed_until = now() - interval '1 second' where id = $1", [
        conversationId,
      ]),
    );
    expect(await wakeSnoozedJob.run({ conversationId, until }, ctx)).toEqual({ woke: true });
    const back = (await list(a.agent, "?status=open")).find((i) => i.id === conversationId);
    expect(back).toMatchObject({ snoozedUntil: null, unreadCount: 1, status: "open" });

    const past = await patch({ snoozedUntil: new Date(Date.now() - 60_000).toISOString() });
    expectStatus(past, 400);
    expect(past.json.error.message).toMatch(/^body: snoozedUntil: must be in the future/);
    expectStatus(await patch({ snoozedUntil: until }, b.agent), 404);
  });

  it("wakes a snoozed conversation as soon as the client writes", async () => {
    const { conversationId } = await clientWrites(channel, "snooze-2", "hello");
    await call(conversationItem.PATCH, a.agent, {
      method: "PATCH",
      id: conversationId,
      body: { snoozedUntil: new Date(Date.now() + 86_400_000).toISOString() },
    });
    await clientWrites(channel, "snooze-2", "are you there?");
    const row = (await list(a.agent)).find((i) => i.id === conversationId);
    expect(row?.snoozedUntil).toBeNull();
  });

  it("finds contacts by name and phone as well as message text, naming the matching message", async () => {
    const byText = await clientWrites(channel, "find-1", "Нужна плитка для ванной комнаты", "Пётр Сидоров");
    await clientWrites(channel, "find-1", "И ещё смеситель");
    const byName = await clientWrites(channel, "find-2", "Добрый день", "Анастасия Громова");
    await asService((sql) =>
      sql.query(
        "update public.contacts set phone = '+79035551234' where id = (select contact_id from public.conversations where id = $1)",
        [byName.conversationId],
      ),
    );
    const text = await list(a.agent, `?q=${encodeURIComponent("плитку")}`);
    expect(text.map((i) => i.id)).toEqual([byText.conversationId]);
    expect(text[0].match).toEqual({ messageId: byText.messageId, text: "Нужна плитка для ванной комнаты" });
    const name = await list(a.agent, `?q=${encodeURIComponent("громова")}`);
    expect(name.map((i) => i.id)).toEqual([byName.conversationId]);
    expect(name[0].match).toBeNull();
    const phone = await list(a.agent, `?q=${encodeURIComponent("903 555-12")}`);
    expect(phone.map((i) => i.id)).toEqual([byName.conversationId]);
    expect(await list(b.agent, `?q=${encodeURIComponent("громова")}`)).toEqual([]);
  });

  it("reports presence and typing to colleagues, only for oneself and within the organisation", async () => {
    const { conversationId } = await clientWrites(channel, "presence-1", "hi");
    const put = (who: Person, body: unknown) => call(presence.PUT, who, { method: "PUT", body });
    expectStatus(await put(a.owner, { status: "online", conversationId, typing: true }), 200);
    expectStatus(await put(a.agent, { status: "away", conversationId }), 200);
    const seen = (await call(presence.GET, a.viewer, { path: "/api/messaging/presence" })).json;
    expect(seen.find((p: { userId: string }) => p.userId === a.owner.userId)).toMatchObject({
      status: "online",
      conversationId,
      typing: true,
    });
    expect(seen.find((p: { userId: string }) => p.userId === a.agent.userId)).toMatchObject({
      status: "away",
      typing: false,
    });
    expect(seen.find((p: { userId: string }) => p.userId === a.viewer.userId)).toMatchObject({ status: "offline" });

    // A heartbeat gone quiet is offline, whatever the last status said.
    await asService((sql) =>
      sql.query("update public.agent_presence set seen_at = now() - interval '5 minutes' where user_id = $1", [
        a.agent.userId,
      ]),
    );
    const later = (await call(presence.GET, a.owner, { path: "/api/messaging/presence" })).json;
    expect(later.find((p: { userId: string }) => p.userId === a.agent.userId).status).toBe("offline");

    expectStatus(await put(b.owner, { status: "online", conversationId }), 404);
    expect(
      (await call(presence.GET, b.owner, { path: "/api/messaging/presence" })).json.map(
        (p: { userId: string }) => p.userId,
      ),
    ).not.toContain(a.owner.userId);
    const bad = await put(a.owner, { status: "busy" });
    expect(bad.json.error.message).toMatch(/^body: status:/);
  });

  it("counts the organisation's open conversations waiting unread, and only its own", async () => {
    const count = async (who: Person) =>
      (await call(unread.GET, who, { path: "/api/messaging/inbox/unread" })).json.conversations as number;
    const before = await count(a.viewer);
    const rivalBefore = await count(b.owner);
    const { conversationId } = await clientWrites(channel, "unread-1", "anyone there?");
    expect(await count(a.viewer)).toBe(before + 1);
    expect(await count(b.owner)).toBe(rivalBefore);
    await call(conversationItem.PATCH, a.agent, { method: "PATCH", id: conversationId, body: { status: "resolved" } });
    expect(await count(a.viewer)).toBe(before);
  });

  it("describes the new routes in /api/openapi.json", async () => {
    const doc = await (await openapi.GET(new Request("http://localhost:3000/api/openapi.json"))).json();
    for (const [path, method] of [
      ["/api/messaging/canned", "post"],
      ["/api/messaging/canned/{id}", "patch"],
      ["/api/messaging/notes", "post"],
      ["/api/messaging/labels", "post"],
      ["/api/messaging/conversations/{id}/labels", "post"],
      ["/api/messaging/conversations/bulk", "post"],
      ["/api/messaging/presence", "put"],
    ]) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const inboxParams = doc.paths["/api/messaging/inbox"].get.parameters.map((p: { name: string }) => p.name);
    expect(inboxParams).toEqual(expect.arrayContaining(["label", "snoozed", "q"]));
  });
});
