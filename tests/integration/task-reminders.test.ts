import { afterAll, beforeAll, expect, it } from "vitest";
import * as notifications from "@/app/api/notifications/route";
import { asService } from "@/lib/db";
import { startRunner, type Runner } from "@/lib/jobs";
import { taskEvent } from "@/lib/tasks/events";
import { OVERDUE_GRACE_MS, runTaskReminder, taskReminderJob } from "@/lib/tasks/reminders";
import { describeEachDb } from "../helpers/db";
import { jsonRequest } from "../helpers/http";
import { eventually, team, type Person } from "../helpers/inbox";
import { createTaskAs, listenToTaskEvents, orgOf, patchTask, taskEvents } from "../helpers/tasks";

// Reminders run as jobs at the task's times. The clock is the queue's: advancing it moves every queued job's
// run_at earlier by that much, which is what the runner sees when that much time has passed.

type Team = Awaited<ReturnType<typeof team>>;
const MIN = 60_000;

async function advance(ms: number) {
  await asService((sql) =>
    sql.query("update public.jobs set run_at = run_at - $1 * interval '1 millisecond' where status = 'queued'", [ms]),
  );
}

async function bell(who: Person) {
  const res = await notifications.GET(jsonRequest("/api/notifications", { token: who.token }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { notifications: { kind: string; title: string }[] }).notifications;
}
const taskNotices = async (who: Person, title: string) =>
  (await bell(who)).filter((n) => n.kind === "task" && n.title.includes(title)).map((n) => n.title);

/** Lets the runner take whatever is due now, then settles. */
const settle = () => new Promise((r) => setTimeout(r, 300));

describeEachDb("task reminders", ({ db }) => {
  let t: Team;
  let orgId: string;
  let runner: Runner;
  let unlisten: () => void;

  beforeAll(async () => {
    t = await team("trm", "Reminders");
    orgId = await orgOf(t.owner);
    unlisten = listenToTaskEvents();
    runner = startRunner({ db: db(), jobs: [taskReminderJob, taskEvent], pollMs: 20, backoffMs: 5 });
    await runner.ready;
  });
  afterAll(async () => {
    unlisten();
    await runner.stop();
  });

  it("reminds the assignee before and at the due time in the bell, then publishes due and overdue", async () => {
    const task = await createTaskAs(t.owner, {
      title: "Call Olga",
      dueAt: new Date(Date.now() + 60 * MIN).toISOString(),
      remindBeforeMinutes: 10,
      assigneeId: t.agent.userId,
    });
    await settle();
    expect(await taskNotices(t.agent, "Call Olga")).toEqual([]);

    await advance(50 * MIN);
    await eventually(async () => (await taskNotices(t.agent, "Call Olga")).length === 1);
    expect(await taskNotices(t.agent, "Call Olga")).toEqual(["Soon: Call Olga"]);
    expect(await taskEvents(task.id)).toEqual(["created"]);

    await advance(10 * MIN);
    await eventually(async () => (await taskNotices(t.agent, "Call Olga")).length === 2);
    expect(await taskNotices(t.agent, "Call Olga")).toEqual(["Due now: Call Olga", "Soon: Call Olga"]);
    await eventually(async () => (await taskEvents(task.id)).includes("due"));
    // The assignee's, not everyone's.
    expect(await taskNotices(t.owner, "Call Olga")).toEqual([]);

    await advance(OVERDUE_GRACE_MS);
    await eventually(async () => (await taskEvents(task.id)).includes("overdue"));
    await settle();
    expect(await taskEvents(task.id)).toEqual(["created", "due", "overdue"]);
    expect(await taskNotices(t.agent, "Call Olga")).toHaveLength(2);
  });

  it("writes the reminder in the assignee's language and links to the task", async () => {
    await asService((sql) => sql.query("update public.profiles set locale = 'ru' where id = $1", [t.viewer.userId]));
    const task = await createTaskAs(t.owner, {
      title: "Отправить КП",
      dueAt: new Date(Date.now() + 5 * MIN).toISOString(),
      assigneeId: t.viewer.userId,
    });
    await advance(5 * MIN);
    await eventually(async () => (await taskNotices(t.viewer, "Отправить КП")).length === 1);
    expect(await taskNotices(t.viewer, "Отправить КП")).toEqual(["Пора: Отправить КП"]);
    const [row] = await asService((sql) =>
      sql.query<{ link: string; task_id: string; user_id: string }>(
        "select link, task_id, user_id from public.notifications where task_id = $1",
        [task.id],
      ),
    );
    expect(row).toEqual({ link: `/tasks?task=${task.id}`, task_id: task.id, user_id: t.viewer.userId });
  });

  it("follows a new due time: the old time's job does nothing, the new one reminds once", async () => {
    const task = await createTaskAs(t.owner, {
      title: "Moved task",
      dueAt: new Date(Date.now() + 60 * MIN).toISOString(),
    });
    const later = new Date(Date.now() + 180 * MIN).toISOString();
    expect((await patchTask(t.owner, task.id, { dueAt: later })).status).toBe(200);

    await advance(60 * MIN);
    await settle();
    expect(await taskNotices(t.owner, "Moved task")).toEqual([]);
    expect(await taskEvents(task.id)).toEqual(["created"]);

    await advance(120 * MIN);
    await eventually(async () => (await taskNotices(t.owner, "Moved task")).length === 1);
    await settle();
    expect(await taskNotices(t.owner, "Moved task")).toEqual(["Due now: Moved task"]);
    expect(await taskEvents(task.id)).toEqual(["created", "due"]);
  });

  it("a task done before its time is not reminded; reopened with a new time it is", async () => {
    const task = await createTaskAs(t.owner, {
      title: "Done early",
      dueAt: new Date(Date.now() + 30 * MIN).toISOString(),
    });
    await patchTask(t.owner, task.id, { status: "done" });
    await advance(30 * MIN + OVERDUE_GRACE_MS);
    await settle();
    expect(await taskNotices(t.owner, "Done early")).toEqual([]);
    expect(await taskEvents(task.id)).toEqual(["created", "done"]);

    await patchTask(t.owner, task.id, { status: "open", dueAt: new Date(Date.now() + 10 * MIN).toISOString() });
    await advance(10 * MIN);
    await eventually(async () => (await taskNotices(t.owner, "Done early")).length === 1);
  });

  it("a retried job (or a second job for the same time) notifies and publishes once", async () => {
    const dueAt = new Date(Date.now() + 24 * 60 * MIN).toISOString();
    const task = await createTaskAs(t.owner, { title: "Retry me", dueAt });
    const payload = { taskId: task.id, dueAt, phase: "due" as const };
    expect(await runTaskReminder(orgId, payload)).toEqual({ outcome: "due" });
    expect(await runTaskReminder(orgId, payload)).toEqual({ outcome: "already" });
    expect(await runTaskReminder(orgId, { ...payload, phase: "overdue" })).toEqual({ outcome: "overdue" });
    expect(await runTaskReminder(orgId, { ...payload, phase: "overdue" })).toEqual({ outcome: "already" });
    expect(await taskNotices(t.owner, "Retry me")).toEqual(["Due now: Retry me"]);
    expect(await taskEvents(task.id)).toEqual(["created", "due", "overdue"]);
    // A stale time (the job was for another due time) does nothing.
    expect(await runTaskReminder(orgId, { ...payload, dueAt: new Date(Date.now() + 1000).toISOString() })).toEqual({
      outcome: "stale",
    });
  });
});
