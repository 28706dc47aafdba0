import { beforeAll, expect, it } from "vitest";
import * as importRun from "@/app/api/crm/clients/import/[id]/route";
import * as imports from "@/app/api/crm/clients/import/route";
import { asService } from "@/lib/db";
import { importContacts } from "@/lib/crm/import-job";
import { detectDelimiter, guessMapping, parseCsv } from "@/lib/crm/csv-import";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { count, team, type Person } from "../helpers/inbox";

type Team = Awaited<ReturnType<typeof team>>;
type DryRun = {
  delimiter: string;
  mapping: Record<string, string>;
  total: number;
  valid: number;
  wouldCreate: number;
  wouldUpdate: number;
  rejected: number;
  rejections: { row: number; field: string; value: string; reason: string }[];
  preview: { name: string; phone: string | null; action: string }[];
};
type Run = {
  id: string;
  status: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  rejected: number;
};

const SEMICOLON = [
  "Имя;Фамилия;Телефон;E-mail;Компания;Теги",
  "Анна;Петрова;8 (903) 555-12-34;anna@example.ru;ООО Ромашка;vip, опт",
  'Борис;"Ёлкин; младший";+7 903 555-00-01;;;',
  "Вера;Сидорова;12345;vera@example.ru;;",
  ";;+7 903 555-00-02;nobody@example.ru;;",
  "Глеб;Орлов;+7 903 555-00-03;не почта;;",
  "Анна;Петрова;+7 903 555-12-34;;;новая",
].join("\r\n");
const COMMA = ["name,phone,email", "John Smith,+1 415 555 2671,john@example.com", "Mary Jones,,mary@example.com"].join(
  "\n",
);

describeEachDb("CSV import of contacts", () => {
  let a: Team;
  let b: Team;

  beforeAll(async () => {
    a = await team("csva", "Alpha Import");
    b = await team("csvb", "Beta Import");
  });

  const post = (body: Record<string, unknown>, who: Person = a.agent) =>
    imports.POST(jsonRequest("/api/crm/clients/import", { token: who.token, body }));
  async function dryRun(csv: string, extra: Record<string, unknown> = {}): Promise<DryRun> {
    const res = await post({ csv, dryRun: true, defaultCountry: "RU", ...extra });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json();
  }
  /** Starts an import and runs its job here, as the runner would (the job is the unit of work). */
  async function runImport(csv: string, who: Person = a.agent, extra: Record<string, unknown> = {}) {
    const res = await post({ csv, defaultCountry: "RU", fileName: "clients.csv", ...extra }, who);
    expect(res.status, await res.clone().text()).toBe(202);
    const run = (await res.json()) as Run;
    expect(run.status).toBe("queued");
    const [job] = await asService((sql) =>
      sql.query<{ id: string; org_id: string }>(
        "select id, org_id from public.jobs where name = 'crm.import-contacts' and payload ->> 'importId' = $1",
        [run.id],
      ),
    );
    expect(job, "the import's job was enqueued").toBeDefined();
    const progress: Record<string, unknown>[] = [];
    await importContacts.run(
      { importId: run.id },
      {
        jobId: job.id,
        orgId: job.org_id,
        attempt: 1,
        maxAttempts: 3,
        signal: new AbortController().signal,
        progress: async (p) => void progress.push(p),
      },
    );
    const done = await importRun.GET(
      jsonRequest(`/api/crm/clients/import/${run.id}`, { token: who.token }),
      params({ id: run.id }),
    );
    return { run: (await done.json()) as Run & { rejections: DryRun["rejections"] }, progress, id: run.id };
  }

  it("reads `;` and `,`, with or without a BOM, and Cyrillic headers", () => {
    expect(detectDelimiter(SEMICOLON)).toBe(";");
    expect(detectDelimiter(COMMA)).toBe(",");
    expect(detectDelimiter(`\uFEFF${COMMA}`)).toBe(",");
    const file = parseCsv(`\uFEFF${SEMICOLON}`);
    expect(file.headers[0]).toBe("Имя");
    expect(file.records[1].cells[1]).toBe("Ёлкин; младший");
    expect(guessMapping(file.headers)).toEqual({
      0: "firstName",
      1: "lastName",
      2: "phone",
      3: "email",
      4: "company",
      5: "tags",
    });
  });

  it("a dry run reports the rows it would refuse and why, and writes nothing", async () => {
    const before = await count("contacts", "org_id in (select org_id from public.memberships where user_id = $1)", [
      a.agent.userId,
    ]);
    const report = await dryRun(`\uFEFF${SEMICOLON}`);
    expect(report).toMatchObject({ delimiter: ";", total: 6, valid: 3, rejected: 3, wouldCreate: 2, wouldUpdate: 1 });
    expect(report.rejections).toEqual([
      { row: 4, field: "phone", value: "12345", reason: "bad_phone" },
      { row: 5, field: "name", value: "", reason: "missing_name" },
      { row: 6, field: "email", value: "не почта", reason: "bad_email" },
    ]);
    expect(report.preview[0]).toMatchObject({ name: "Анна Петрова", phone: "+79035551234", action: "create" });
    expect(report.preview[1]).toMatchObject({ name: "Борис Ёлкин; младший" });
    const after = await count("contacts", "org_id in (select org_id from public.memberships where user_id = $1)", [
      a.agent.userId,
    ]);
    expect(after).toBe(before);
    expect(await count("contact_imports", "created_by = $1", [a.agent.userId])).toBe(0);
  });

  it("imports as a job with progress, normalising phones to E.164; the same file twice adds no one", async () => {
    const first = await runImport(SEMICOLON);
    expect(first.run).toMatchObject({
      status: "succeeded",
      total: 6,
      processed: 6,
      created: 2,
      updated: 1,
      rejected: 3,
    });
    expect(first.run.rejections.map((r) => [r.row, r.reason])).toEqual([
      [4, "bad_phone"],
      [5, "missing_name"],
      [6, "bad_email"],
    ]);
    expect(first.progress.at(-1)).toMatchObject({ total: 6, processed: 6, created: 2 });
    const [anna] = await asService((sql) =>
      sql.query<{ phone: string; email: string; tags: string[]; company: string | null; company_id: string | null }>(
        "select phone, email, tags, company, company_id from public.contacts where name = 'Анна Петрова' and phone = '+79035551234'",
      ),
    );
    expect(anna).toMatchObject({ email: "anna@example.ru", company: "ООО Ромашка" });
    expect(anna.tags.sort()).toEqual(["vip", "новая", "опт"].sort());
    expect(anna.company_id, "the company is linked (made when missing)").not.toBeNull();
    expect(await count("contact_imports", "id = $1 and content is null", [first.id])).toBe(1);

    const orgContacts = () =>
      count("contacts", "org_id = (select org_id from public.contact_imports where id = $1)", [first.id]);
    const n = await orgContacts();
    // Again, now without the BOM and with `\n` line ends: every row matches someone.
    const second = await runImport(SEMICOLON.replace(/\r\n/g, "\n"));
    expect(second.run).toMatchObject({ status: "succeeded", created: 0, updated: 3 });
    expect(await orgContacts()).toBe(n);
    const dry = await dryRun(SEMICOLON);
    expect(dry).toMatchObject({ wouldCreate: 0, wouldUpdate: 3 });
    expect(
      await count("companies", "org_id = (select org_id from public.contact_imports where id = $1)", [first.id]),
    ).toBe(1);
  });

  it("a comma file with an explicit mapping; bad input names the field; another org cannot read the import", async () => {
    const { run, id } = await runImport(`\uFEFF${COMMA}`, a.agent, {
      mapping: { 0: "name", 1: "phone", 2: "email" },
      tags: ["import"],
    });
    expect(run).toMatchObject({ status: "succeeded", created: 2, rejected: 0 });
    expect(await count("contacts", "email = 'mary@example.com' and 'import' = any(tags)", [])).toBe(1);
    expect(await count("contacts", "phone = '+14155552671'", [])).toBe(1);

    const noName = await post({ csv: COMMA, mapping: { 1: "phone" }, dryRun: true });
    expect(noName.status).toBe(400);
    expect(await noName.text()).toContain("mapping");
    const badCol = await post({ csv: COMMA, mapping: { 0: "name", 9: "phone" }, dryRun: true });
    expect(badCol.status).toBe(400);
    expect((await post({ csv: "", dryRun: true })).status).toBe(400);
    expect((await post({ csv: COMMA, dryRun: true }, a.viewer)).status).toBe(403);
    const unclosed = await post({ csv: 'name,phone\n"Anna,+79035551234\n', dryRun: true });
    expect(unclosed.status).toBe(400);
    expect(await unclosed.text()).toContain("csv");

    const foreign = await importRun.GET(
      jsonRequest(`/api/crm/clients/import/${id}`, { token: b.agent.token }),
      params({ id }),
    );
    expect(foreign.status).toBe(404);
    // B's import of the same file creates B's own contacts: matching never crosses organisations.
    const theirs = await runImport(COMMA, b.agent, { mapping: { 0: "name", 1: "phone", 2: "email" } });
    expect(theirs.run).toMatchObject({ created: 2, updated: 0 });
  });
});
