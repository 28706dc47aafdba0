import { beforeAll, expect, it } from "vitest";
import * as note from "@/app/api/crm/notes/[id]/route";
import * as notes from "@/app/api/crm/notes/route";
import * as clients from "@/app/api/crm/clients/route";
import * as companies from "@/app/api/crm/companies/route";
import { asService } from "@/lib/db";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { team, type Person } from "../helpers/inbox";
import { createDeal } from "../helpers/pipeline";

type Team = Awaited<ReturnType<typeof team>>;
type Note = { id: string; body: string; mine: boolean; authorName: string | null; dealId: string | null };

describeEachDb("CRM notes on deals, contacts and companies", () => {
  let a: Team;
  let b: Team;
  let contactId: string;
  let companyId: string;
  let dealId: string;

  beforeAll(async () => {
    a = await team("nta", "Alpha Notes");
    b = await team("ntb", "Beta Notes");
    const c = await clients.POST(
      jsonRequest("/api/crm/clients", { token: a.agent.token, body: { name: "Ольга Ким" } }),
    );
    contactId = ((await c.json()) as { id: string }).id;
    const co = await companies.POST(
      jsonRequest("/api/crm/companies", { token: a.agent.token, body: { name: "Ромашка" } }),
    );
    companyId = ((await co.json()) as { id: string }).id;
    dealId = (await createDeal(a.owner, { title: "Сайт", contactId })).id;
  });

  const add = (who: Person, body: Record<string, unknown>) =>
    notes.POST(jsonRequest("/api/crm/notes", { token: who.token, body }));
  const list = async (who: Person, query: string) => {
    const res = await notes.GET(jsonRequest(`/api/crm/notes?${query}`, { token: who.token }));
    return {
      status: res.status,
      body: res.status === 200 ? ((await res.json()) as { notes: Note[]; nextCursor: string | null }) : null,
    };
  };

  it("adds, lists newest first in pages, edits (author) and deletes (author or manager)", async () => {
    for (const body of ["Позвонить в пятницу", "Прислал ТЗ", "Ждёт счёт"]) {
      const res = await add(a.agent, { contactId, body });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const first = await list(a.viewer, `contactId=${contactId}&limit=2`);
    expect(first.body!.notes.map((n) => n.body)).toEqual(["Ждёт счёт", "Прислал ТЗ"]);
    // The viewer reads the agent's notes: not theirs to edit.
    expect(first.body!.notes[0]).toMatchObject({ mine: false, authorName: expect.any(String) });
    const rest = await list(a.viewer, `contactId=${contactId}&limit=2&cursor=${first.body!.nextCursor}`);
    expect(rest.body!.notes.map((n) => n.body)).toEqual(["Позвонить в пятницу"]);
    expect(rest.body!.nextCursor).toBeNull();

    const target = first.body!.notes[0];
    const patch = (who: Person, body: string) =>
      note.PATCH(
        jsonRequest(`/api/crm/notes/${target.id}`, { method: "PATCH", token: who.token, body: { body } }),
        params({ id: target.id }),
      );
    expect((await patch(a.owner, "чужая правка")).status).toBe(403);
    const edited = await patch(a.agent, "Ждёт счёт до среды");
    expect(((await edited.json()) as Note).body).toBe("Ждёт счёт до среды");
    expect((await patch(a.agent, "   ")).status).toBe(400);
    expect((await patch(b.owner, "x")).status).toBe(404);

    const del = (who: Person) =>
      note.DELETE(
        jsonRequest(`/api/crm/notes/${target.id}`, { method: "DELETE", token: who.token }),
        params({ id: target.id }),
      );
    expect((await del(b.owner)).status).toBe(404);
    expect((await del(a.owner)).status).toBe(204);
    expect((await list(a.agent, `contactId=${contactId}`)).body!.notes).toHaveLength(2);
  });

  it("notes on a company and a deal; exactly one target; another org's target is a 404", async () => {
    expect((await add(a.agent, { companyId, body: "Головной офис в Казани" })).status).toBe(201);
    expect((await add(a.agent, { dealId, body: "Скидка 10%" })).status).toBe(201);
    expect((await list(a.agent, `companyId=${companyId}`)).body!.notes.map((n) => n.body)).toEqual([
      "Головной офис в Казани",
    ]);
    expect((await list(a.agent, `dealId=${dealId}`)).body!.notes.map((n) => n.body)).toEqual(["Скидка 10%"]);
    const both = await add(a.agent, { dealId, contactId, body: "x" });
    expect(both.status).toBe(400);
    expect(await both.text()).toContain("dealId");
    expect((await list(a.agent, "")).status).toBe(400);
    expect((await add(a.viewer, { contactId, body: "x" })).status).toBe(403);
    expect((await add(b.agent, { contactId, body: "x" })).status).toBe(404);
    expect((await list(b.agent, `contactId=${contactId}`)).status).toBe(404);
    expect((await list(b.agent, `dealId=${dealId}`)).status).toBe(404);
  });

  it("with own-deals-only an agent cannot read or add notes on a deal they do not own", async () => {
    await asService((sql) =>
      sql.query(
        "insert into public.crm_settings (org_id, own_deals_only) select org_id, true from public.deals where id = $1 on conflict (org_id) do update set own_deals_only = true",
        [dealId],
      ),
    );
    expect((await list(a.agent, `dealId=${dealId}`)).status).toBe(404);
    expect((await add(a.agent, { dealId, body: "x" })).status).toBe(404);
    expect((await list(a.owner, `dealId=${dealId}`)).status).toBe(200);
  });
});
