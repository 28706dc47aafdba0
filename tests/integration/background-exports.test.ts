import { beforeAll, expect, it } from "vitest";
import * as analyticsExport from "@/app/api/analytics/export/route";
import * as dealsExport from "@/app/api/crm/deals/export/route";
import * as oneExport from "@/app/api/exports/[id]/route";
import * as download from "@/app/api/exports/[id]/download/route";
import * as exportsRoute from "@/app/api/exports/route";
import * as tasksExport from "@/app/api/tasks/export/route";
import { asService } from "@/lib/db";
import { buildExport, expireExports } from "@/lib/export/job";
import type { ExportView } from "@/lib/export/store";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { count, team, type Person } from "../helpers/inbox";
import { createDeal } from "../helpers/pipeline";
import { orgOf } from "../helpers/tasks";

// Exports in the background: the job writes the bytes the streaming route sends, page by page with progress;
// only the member who asked can read or download it; a failure leaves no partial file; expiry deletes it.

type Team = Awaited<ReturnType<typeof team>>;
type Route = { GET: (req: Request) => Promise<Response> };

async function streamed(route: Route, path: string, who: Person) {
  const res = await route.GET(jsonRequest(path, { token: who.token }));
  expect(res.status, await res.clone().text()).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

async function ask(who: Person, body: unknown) {
  return exportsRoute.POST(jsonRequest("/api/exports", { method: "POST", token: who.token, body }));
}

/** Asks for an export and runs its job here, as the runner would; returns the export and the progress seen. */
async function run(who: Person, body: unknown, abortAfter?: number, meanwhile?: () => Promise<unknown>) {
  const res = await ask(who, body);
  expect(res.status, await res.clone().text()).toBe(202);
  const exp = (await res.json()) as ExportView;
  expect(exp.status).toBe("queued");
  await meanwhile?.();
  const [job] = await asService((sql) =>
    sql.query<{ org_id: string }>(
      "select org_id from public.jobs where name = 'exports.build' and payload ->> 'exportId' = $1",
      [exp.id],
    ),
  );
  expect(job, "the export's job was enqueued").toBeDefined();
  const progress: { rows: number; bytes: number }[] = [];
  const abort = new AbortController();
  const outcome = await buildExport(exp.id, {
    orgId: job.org_id,
    signal: abort.signal,
    progress: async (p) => {
      progress.push(p as { rows: number; bytes: number });
      if (abortAfter !== undefined && progress.length >= abortAfter) abort.abort();
    },
  }).then(
    () => null,
    (e: Error) => e,
  );
  return { id: exp.id, progress, error: outcome };
}

const status = async (id: string, who: Person) =>
  oneExport.GET(jsonRequest(`/api/exports/${id}`, { token: who.token }), params({ id }));
const fetchFile = async (id: string, who: Person) =>
  download.GET(jsonRequest(`/api/exports/${id}/download`, { token: who.token }), params({ id }));

describeEachDb("exports in the background", () => {
  let a: Team;
  let b: Team;

  beforeAll(async () => {
    a = await team("bxa", "Alpha Background");
    b = await team("bxb", "Beta Background");
    const org = await orgOf(a.owner);
    await asService((sql) =>
      sql.query(
        `insert into public.tasks (org_id, title, status)
         select $1, case when g % 7 = 0 then '=SUM(A' || g || ')' else 'Задача; №' || g end, 'cancelled'
           from generate_series(1, 450) g`,
        [org],
      ),
    );
  });

  it("writes the streaming route's bytes page by page, with progress, and notifies with the link", async () => {
    const { id, progress, error } = await run(a.agent, {
      kind: "tasks",
      params: { status: "cancelled", delimiter: ";" },
    });
    expect(error).toBeNull();
    // Pages of at most 200: progress after each, rows only growing, never all rows in one page.
    const rows = progress.map((p) => p.rows);
    expect(rows.at(-1)).toBe(450);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows).toEqual([...rows].sort((x, y) => x - y));
    expect(Math.max(...rows.map((r, i) => r - (rows[i - 1] ?? 0)))).toBeLessThanOrEqual(200);
    expect(await count("export_chunks", "export_id = $1", [id])).toBe(progress.length);

    const done = (await (await status(id, a.agent)).json()) as ExportView;
    expect(done).toMatchObject({ status: "done", rows: 450, downloadUrl: `/api/exports/${id}/download` });
    expect(done.expiresAt).not.toBeNull();

    const file = await fetchFile(id, a.agent);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="tasks-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(bytes.byteLength).toBe(done.bytes);
    const direct = await streamed(tasksExport, "/api/tasks/export?status=cancelled&delimiter=%3B", a.agent);
    expect(Buffer.from(bytes).equals(Buffer.from(direct))).toBe(true);
    expect(new TextDecoder().decode(bytes)).toContain(`'=SUM(A7)`);

    expect(
      await count("notifications", "user_id = $1 and link = $2", [a.agent.userId, `/api/exports/${id}/download`]),
    ).toBe(1);
  });

  it("the same bytes for a list with names read first (deals) and for a report", async () => {
    await createDeal(a.agent, { title: "Фоновая сделка", amount: 1200 });
    await createDeal(a.agent, { title: "+Формула", amount: 10 });
    const deals = await run(a.agent, { kind: "deals", params: { sort: "title", order: "asc" } });
    expect(deals.error).toBeNull();
    const direct = await streamed(dealsExport, "/api/crm/deals/export?sort=title&order=asc", a.agent);
    const file = new Uint8Array(await (await fetchFile(deals.id, a.agent)).arrayBuffer());
    expect(Buffer.from(file).equals(Buffer.from(direct))).toBe(true);

    const q = { report: "pipeline-value", from: "2026-01-01", to: "2026-12-31", sep: ";" };
    const report = await run(a.owner, { kind: "analytics", params: q });
    expect(report.error).toBeNull();
    const path = `/api/analytics/export?${new URLSearchParams(q)}`;
    const reportFile = new Uint8Array(await (await fetchFile(report.id, a.owner)).arrayBuffer());
    expect(Buffer.from(reportFile).equals(Buffer.from(await streamed(analyticsExport, path, a.owner)))).toBe(true);
  });

  it("only the member who asked sees or downloads it; 409 until done; bad input names the field", async () => {
    const res = await ask(a.agent, { kind: "tasks", params: { status: "cancelled" } });
    const exp = (await res.json()) as ExportView;
    expect((await fetchFile(exp.id, a.agent)).status).toBe(409); // queued: nothing to download yet
    for (const other of [a.viewer, a.owner, b.agent, b.owner]) {
      expect((await status(exp.id, other)).status, other.userId).toBe(404);
      expect((await fetchFile(exp.id, other)).status, other.userId).toBe(404);
      const mine = (await (await exportsRoute.GET(jsonRequest("/api/exports", { token: other.token }))).json()) as {
        exports: ExportView[];
      };
      expect(mine.exports.map((e) => e.id)).not.toContain(exp.id);
    }
    const list = (await (await exportsRoute.GET(jsonRequest("/api/exports", { token: a.agent.token }))).json()) as {
      exports: ExportView[];
    };
    expect(list.exports.map((e) => e.id)).toContain(exp.id);

    const badKind = await ask(a.agent, { kind: "everything", params: {} });
    expect(badKind.status).toBe(400);
    expect(((await badKind.json()) as { error: { message: string } }).error.message).toMatch(/^body: kind:/);
    const badParam = await ask(a.agent, { kind: "analytics", params: { report: "pipeline-value", from: "yesterday" } });
    expect(badParam.status).toBe(400);
    expect(((await badParam.json()) as { error: { message: string } }).error.message).toMatch(/^body: params\.from:/);
  });

  it("a failing producer marks the export failed with its error and leaves no partial file", async () => {
    // Fails before the first byte: the report has no such table.
    const early = await run(a.owner, {
      kind: "analytics",
      params: { report: "pipeline-value", table: "nope", from: "2026-01-01", to: "2026-12-31" },
    });
    expect(early.error).not.toBeNull();
    const failed = (await (await status(early.id, a.owner)).json()) as ExportView;
    expect(failed).toMatchObject({ status: "failed", downloadUrl: null, rows: 0 });
    expect(failed.error).toMatch(/no table nope/);
    expect((await fetchFile(early.id, a.owner)).status).toBe(409);

    // Fails half-way, after two pages were written.
    const late = await run(a.agent, { kind: "tasks", params: { status: "cancelled" } }, 2);
    expect(late.error?.message).toMatch(/stopped/);
    expect(late.progress.length).toBe(2);
    expect(await count("export_chunks", "export_id = $1", [late.id])).toBe(0);
    const lateView = (await (await status(late.id, a.agent)).json()) as ExportView;
    expect(lateView).toMatchObject({ status: "failed", rows: 0, bytes: 0, downloadUrl: null });
    expect((await fetchFile(late.id, a.agent)).status).toBe(409);

    // The member left before the job ran: RLS would have given an empty file, the export fails instead.
    const left = await run(a.viewer, { kind: "tasks", params: { status: "cancelled" } }, undefined, () =>
      asService((sql) => sql.query("delete from public.memberships where user_id = $1", [a.viewer.userId])),
    );
    expect(left.error?.message).toMatch(/has left/);
    const [row] = await asService((sql) =>
      sql.query<{ status: string; error: string }>("select status, error from public.exports where id = $1", [left.id]),
    );
    expect(row).toMatchObject({ status: "failed", error: expect.stringMatching(/has left/) });
    expect(await count("export_chunks", "export_id = $1", [left.id])).toBe(0);
  });

  it("an expired export's file is deleted", async () => {
    const kept = await run(a.agent, { kind: "tasks", params: { status: "cancelled" } });
    const old = await run(a.agent, { kind: "tasks", params: { status: "cancelled" } });
    expect(await count("export_chunks", "export_id = $1", [old.id])).toBeGreaterThan(0);
    await asService((sql) =>
      sql.query("update public.exports set expires_at = now() - interval '1 minute' where id = $1", [old.id]),
    );
    expect(await expireExports()).toBeGreaterThanOrEqual(1);
    expect(await count("export_chunks", "export_id = $1", [old.id])).toBe(0);
    expect((await fetchFile(old.id, a.agent)).status).toBe(404);
    expect((await fetchFile(kept.id, a.agent)).status).toBe(200);
  });
});
