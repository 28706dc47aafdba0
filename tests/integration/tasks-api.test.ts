import { afterAll, beforeAll, expect, it } from "vitest";
import { GET as openapi } from "@/app/api/openapi.json/route";
import { asService } from "@/lib/db";
import { createTask as createTaskAsService } from "@/lib/tasks/create";
import { describeEachDb } from "../helpers/db";
import { jsonRequest } from "../helpers/http";
import { team } from "../helpers/inbox";
import { createDeal } from "../helpers/pipeline";
import {
  clientWithConversation,
  createTaskAs,
  deleteTaskRes,
  getTaskRes,
  listRes,
  listTasksAs,
  listenToTaskEvents,
  orgOf,
  patchTask,
  postTask,
  taskEvents,
} from "../helpers/tasks";

type Team = Awaited<ReturnType<typeof team>>;
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

describeEachDb("tasks API", () => {
  let a: Team;
  let b: Team;
  let orgA: string;
  let orgB: string;
  let unlisten: () => void;

  beforeAll(async () => {
    a = await team("tka", "Alpha Tasks");
    b = await team("tkb", "Beta Tasks");
    orgA = await orgOf(a.owner);
    orgB = await orgOf(b.owner);
    unlisten = listenToTaskEvents();
  });
  afterAll(() => unlisten());

  it("creates a task for the caller by default, linked to a conversation's client, and reads it back", async () => {
    const { contactId, conversationId } = await clientWithConversation(orgA, "Ирина Петрова");
    const task = await createTaskAs(a.agent, {
      title: "Перезвонить Ирине",
      dueAt: inHours(2),
      conversationId,
      kind: "callback",
    });
    expect(task).toMatchObject({
      title: "Перезвонить Ирине",
      kind: "callback",
      status: "open",
      assigneeId: a.agent.userId,
      conversationId,
      contactId,
      contactName: "Ирина Петрова",
      source: "manual",
      createdBy: a.agent.userId,
    });
    const res = await getTaskRes(a.viewer, task.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(task);
  });

  it("answers 400 naming the field for bad input and for ids of another organisation", async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /title/],
      [{ title: "x", dueAt: "tomorrow" }, /dueAt/],
      [{ title: "x", kind: "nap" }, /kind/],
      [{ title: "x", remindBeforeMinutes: 0 }, /remindBeforeMinutes/],
      [{ title: "x", assigneeId: b.agent.userId }, /assigneeId/],
    ];
    for (const [body, field] of cases) {
      const res = await postTask(a.agent, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(await res.json())).toMatch(field);
    }
    const { contactId, conversationId } = await clientWithConversation(orgB, "Чужой");
    for (const [field, id] of [
      ["contactId", contactId],
      ["conversationId", conversationId],
    ]) {
      const res = await postTask(a.agent, { title: "x", [field]: id });
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(field);
    }
  });

  it("filters by assignee, status, due range, deal, contact and conversation", async () => {
    const { contactId, conversationId } = await clientWithConversation(orgA, "Filter client");
    const deal = await createDeal(a.owner, { title: "Filter deal", contactId });
    const mine = await createTaskAs(a.owner, { title: "F mine soon", dueAt: inHours(1), dealId: deal.id });
    const theirs = await createTaskAs(a.owner, {
      title: "F agent later",
      dueAt: inHours(30),
      assigneeId: a.agent.userId,
      conversationId,
    });
    const unassigned = await createTaskAs(a.owner, { title: "F nobody", assigneeId: null, contactId });
    const late = await createTaskAs(a.owner, { title: "F late", dueAt: inHours(-3) });
    const done = await createTaskAs(a.owner, { title: "F done" });
    expect((await patchTask(a.owner, done.id, { status: "done" })).status).toBe(200);

    const titles = async (who: typeof a.owner, q: string) =>
      (await listTasksAs(who, q)).tasks.map((t) => t.title).filter((t) => t.startsWith("F "));
    expect(await titles(a.owner, "assignee=me")).toEqual(["F late", "F mine soon"]);
    expect(await titles(a.agent, "assignee=me")).toEqual(["F agent later"]);
    expect(await titles(a.owner, `assignee=${a.agent.userId}`)).toEqual(["F agent later"]);
    expect(await titles(a.owner, "assignee=none")).toEqual(["F nobody"]);
    expect(await titles(a.owner, "status=done")).toEqual(["F done"]);
    expect(await titles(a.owner, "status=all")).toContain("F done");
    expect(
      await titles(a.owner, `dueFrom=${encodeURIComponent(inHours(0))}&dueTo=${encodeURIComponent(inHours(2))}`),
    ).toEqual(["F mine soon"]);
    expect(await titles(a.owner, "overdue=true")).toEqual(["F late"]);
    expect(await titles(a.owner, `dealId=${deal.id}`)).toEqual(["F mine soon"]);
    expect(await titles(a.owner, `conversationId=${conversationId}`)).toEqual(["F agent later"]);
    // The conversation's and the deal's tasks take their client too.
    expect((await titles(a.owner, `contactId=${contactId}`)).sort()).toEqual([
      "F agent later",
      "F mine soon",
      "F nobody",
    ]);
    // Open ones by due time, the undated last.
    const open = await titles(a.owner, "");
    expect(open.indexOf("F late")).toBeLessThan(open.indexOf("F mine soon"));
    expect(open.indexOf("F agent later")).toBeLessThan(open.indexOf("F nobody"));
    expect([mine, theirs, unassigned, late].every((t) => t.status === "open")).toBe(true);

    const bad = await listRes(a.owner, "assignee=someone");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/assignee/);
  });

  it("pages with a keyset cursor: every task once, in order, for open and done lists", async () => {
    const { contactId } = await clientWithConversation(orgA, "Pager");
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      // Two share a due time, so the id breaks the tie.
      const task = await createTaskAs(a.owner, { title: `P${i}`, contactId, dueAt: inHours(i === 3 ? 2 : i) });
      made.push(task.id);
    }
    await createTaskAs(a.owner, { title: "P undated", contactId });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { tasks: { title: string }[]; nextCursor: string | null } = await listTasksAs(
        a.owner,
        `contactId=${contactId}&limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...page.tasks.map((t) => t.title));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen.slice(0, 2)).toEqual(["P0", "P1"]);
    expect(seen.at(-1)).toBe("P undated");

    for (const id of made) expect((await patchTask(a.owner, id, { status: "done" })).status).toBe(200);
    const donePages: string[] = [];
    cursor = null;
    do {
      const page: { tasks: { id: string }[]; nextCursor: string | null } = await listTasksAs(
        a.owner,
        `contactId=${contactId}&status=done&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      donePages.push(...page.tasks.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(donePages).toEqual([...made].reverse());
    expect((await listRes(a.owner, "cursor=garbage")).status).toBe(400);
  });

  it("edits, completes and reopens; an agent works any task of the organisation", async () => {
    const task = await createTaskAs(a.owner, { title: "Edit me", dueAt: inHours(5) });
    const due = inHours(7);
    const edited = await patchTask(a.agent, task.id, {
      title: "Edited",
      notes: "с заметкой",
      dueAt: due,
      assigneeId: a.agent.userId,
    });
    expect(edited.status, await edited.clone().text()).toBe(200);
    expect(await edited.json()).toMatchObject({
      title: "Edited",
      notes: "с заметкой",
      dueAt: new Date(due).toISOString(),
      assigneeId: a.agent.userId,
    });
    const done = await (await patchTask(a.agent, task.id, { status: "done" })).json();
    expect(done.status).toBe("done");
    expect(done.completedAt).not.toBeNull();
    const reopened = await (await patchTask(a.agent, task.id, { status: "open" })).json();
    expect(reopened).toMatchObject({ status: "open", completedAt: null });
    expect((await patchTask(a.agent, task.id, { dueAt: null })).status).toBe(200);
    expect((await deleteTaskRes(a.agent, task.id)).status).toBe(204);
    expect((await getTaskRes(a.owner, task.id)).status).toBe(404);
  });

  it("lets a viewer read but not create, edit or delete", async () => {
    const task = await createTaskAs(a.owner, { title: "Viewer looks" });
    expect((await getTaskRes(a.viewer, task.id)).status).toBe(200);
    expect((await listTasksAs(a.viewer)).tasks.map((t) => t.id)).toContain(task.id);
    expect((await postTask(a.viewer, { title: "no" })).status).toBe(403);
    expect((await patchTask(a.viewer, task.id, { status: "done" })).status).toBe(403);
    expect((await deleteTaskRes(a.viewer, task.id)).status).toBe(403);
    expect((await (await getTaskRes(a.owner, task.id)).json()).status).toBe("open");
  });

  it("keeps organisations apart: another organisation's task is 404 and never listed", async () => {
    const secret = await createTaskAs(b.owner, { title: "Beta secret" });
    for (const who of [a.owner, a.agent, a.viewer]) {
      expect((await getTaskRes(who, secret.id)).status).toBe(404);
      expect((await patchTask(who, secret.id, { title: "mine" })).status).toBe(who === a.viewer ? 403 : 404);
      expect((await listTasksAs(who, "status=all&limit=200")).tasks.map((t) => t.title)).not.toContain("Beta secret");
    }
    expect((await deleteTaskRes(a.owner, secret.id)).status).toBe(404);
    expect((await (await getTaskRes(b.owner, secret.id)).json()).title).toBe("Beta secret");
  });

  it("publishes created once and done once per completion, with reminders planned for the due time", async () => {
    const dueAt = inHours(3);
    const task = await createTaskAs(a.owner, { title: "Events", dueAt, remindBeforeMinutes: 30 });
    expect(await taskEvents(task.id)).toEqual(["created"]);
    await patchTask(a.owner, task.id, { title: "Events 2" });
    await patchTask(a.owner, task.id, { status: "done" });
    await patchTask(a.owner, task.id, { status: "done" });
    expect(await taskEvents(task.id)).toEqual(["created", "done"]);
    const reminders = await asService((sql) =>
      sql.query<{ phase: string; run_at: Date }>(
        `select payload ->> 'phase' as phase, run_at from public.jobs
          where name = 'tasks.remind' and payload ->> 'taskId' = $1 order by run_at`,
        [task.id],
      ),
    );
    expect(reminders.map((r) => [r.phase, new Date(r.run_at).getTime()])).toEqual([
      ["before", new Date(dueAt).getTime() - 30 * 60_000],
      ["due", new Date(dueAt).getTime()],
      ["overdue", new Date(dueAt).getTime() + 15 * 60_000],
    ]);
  });

  it("shows the assistant's and other modules' tasks, made idempotently through createTask", async () => {
    const { contactId, conversationId } = await clientWithConversation(orgA, "Assistant client");
    const make = () =>
      asService((sql) =>
        createTaskAsService(sql, {
          orgId: orgA,
          kind: "callback",
          title: "Call back Assistant client",
          contactId,
          conversationId,
          assigneeId: a.agent.userId,
          source: "assistant",
          dedupeKey: `cb:${conversationId}`,
        }),
      );
    const id = await make();
    expect(id).not.toBeNull();
    expect(await make()).toBeNull();
    expect(await taskEvents(id!)).toEqual(["created"]);
    const listed = (await listTasksAs(a.agent, `assignee=me&conversationId=${conversationId}`)).tasks;
    expect(listed.map((t) => [t.title, t.source])).toEqual([["Call back Assistant client", "assistant"]]);
  });

  it("is in the OpenAPI document", async () => {
    const doc = await (await openapi(jsonRequest("/api/openapi.json"))).json();
    for (const path of ["/api/tasks", "/api/tasks/{id}", "/api/tasks/appointments", "/api/tasks/appointments/{id}"]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(Object.keys(doc.paths["/api/tasks/{id}"]).sort()).toEqual(["delete", "get", "patch"]);
  });
});
