import { beforeAll, expect, it } from "vitest";
import * as dealsExport from "@/app/api/crm/deals/export/route";
import * as tasksExport from "@/app/api/tasks/export/route";
import { asService } from "@/lib/db";
import { describeEachDb } from "../helpers/db";
import { jsonRequest } from "../helpers/http";
import { team, type Person } from "../helpers/inbox";
import { createDeal } from "../helpers/pipeline";
import { createTaskAs, orgOf } from "../helpers/tasks";

// The deals and tasks lists' CSV exports: the shared streamer (BOM, separator, formulas neutralised), the
// list's filters, every page, and nothing of another organisation.

type Team = Awaited<ReturnType<typeof team>>;
const BOM = "\uFEFF";

async function csv(route: { GET: (req: Request) => Promise<Response> }, path: string, who: Person) {
  const res = await route.GET(jsonRequest(path, { token: who.token }));
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer()); // text() strips the BOM
  return { body, lines: body.replace(BOM, "").split("\r\n").filter(Boolean) };
}

describeEachDb("CSV exports of the deals and tasks lists", () => {
  let a: Team;
  let b: Team;

  beforeAll(async () => {
    a = await team("lxa", "Alpha Exports");
    b = await team("lxb", "Beta Exports");
  });

  it("exports the tasks list with its filters, a BOM, the chosen separator and formulas neutralised", async () => {
    await createTaskAs(a.agent, { title: "Перезвонить Ирине; уточнить доставку", kind: "callback" });
    await createTaskAs(a.agent, { title: '=HYPERLINK("http://evil")' });
    const done = await createTaskAs(a.agent, { title: "Уже сделано" });
    await asService((sql) => sql.query("update public.tasks set status = 'done' where id = $1", [done.id]));
    await createTaskAs(b.agent, { title: "Задача чужой организации" });

    const { body, lines } = await csv(tasksExport, "/api/tasks/export?delimiter=%3B", a.viewer);
    expect(body.startsWith(BOM)).toBe(true);
    expect(lines[0]).toBe(
      "id;kind;title;status;due_at;preferred_time;assignee;contact;deal;phone;notes;source;completed_at;created_at",
    );
    expect(body).toContain('"Перезвонить Ирине; уточнить доставку"'); // quoted: it holds the separator
    expect(body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(body).not.toContain("Уже сделано"); // the list's default: open tasks
    expect(body).not.toContain("чужой организации");
    expect(lines).toHaveLength(3);

    const all = await csv(tasksExport, "/api/tasks/export?status=all", a.viewer);
    expect(all.lines[0].split(",")).toHaveLength(14);
    expect(all.body).toContain("Уже сделано");
    expect(all.lines).toHaveLength(4);
  });

  it("streams every page of a long tasks list", async () => {
    const org = await orgOf(a.owner);
    await asService((sql) =>
      sql.query(
        "insert into public.tasks (org_id, title, status) select $1, 'Массовая задача ' || g, 'cancelled' from generate_series(1, 450) g",
        [org],
      ),
    );
    const { lines } = await csv(tasksExport, "/api/tasks/export?status=cancelled", a.owner);
    expect(lines).toHaveLength(451); // three pages of at most 200
    expect(new Set(lines.slice(1).map((l) => l.split(",")[0])).size).toBe(450);
  });

  it("exports the deals list with its filters and sort, stage and pipeline names, formulas neutralised", async () => {
    await createDeal(a.agent, { title: "Опт на 2027", amount: 150000, tags: ["опт"] });
    await createDeal(a.agent, { title: "@SUM(A1:A9)", amount: 1000, tags: ["опт"] });
    await createDeal(a.agent, { title: "Без тега" });
    await createDeal(b.agent, { title: "Сделка чужой организации", tags: ["опт"] });

    const { body, lines } = await csv(
      dealsExport,
      "/api/crm/deals/export?tag=%D0%BE%D0%BF%D1%82&sort=title&order=asc",
      a.viewer,
    );
    expect(body.startsWith(BOM)).toBe(true);
    expect(lines[0]).toBe(
      "id,title,pipeline,stage,amount,currency,contact,company,owner,tags,lost_reason,lead_score,interest,stage_entered_at,closed_at,created_at",
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("'@SUM(A1:A9)"); // '@' sorts before Cyrillic
    expect(lines[2]).toContain("Опт на 2027");
    expect(lines[2]).toContain("150000.00");
    const [stage] = await asService((sql) =>
      sql.query<{ stage: string; pipeline: string }>(
        `select s.name as stage, p.name as pipeline from public.deals d join public.stages s on s.id = d.stage_id
           join public.pipelines p on p.id = d.pipeline_id where d.title = 'Опт на 2027'`,
      ),
    );
    expect(lines[2]).toContain(`,${stage.pipeline},${stage.stage},`);
    expect(body).not.toContain("Без тега");
    expect(body).not.toContain("чужой организации");

    const semi = await csv(dealsExport, "/api/crm/deals/export?delimiter=%3B&q=%D0%9E%D0%BF%D1%82", a.viewer);
    expect(semi.lines[0].split(";")).toHaveLength(16);
    expect(semi.lines).toHaveLength(2);
  });

  it("refuses an unknown separator naming the field", async () => {
    const res = await tasksExport.GET(jsonRequest("/api/tasks/export?delimiter=%7C", { token: a.viewer.token }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("delimiter");
  });
});
