import { beforeAll, expect, it } from "vitest";
import * as client from "@/app/api/crm/clients/[id]/route";
import * as timeline from "@/app/api/crm/clients/[id]/timeline/route";
import * as bulk from "@/app/api/crm/clients/bulk/route";
import * as exportCsv from "@/app/api/crm/clients/export/route";
import * as clients from "@/app/api/crm/clients/route";
import * as companiesExport from "@/app/api/crm/companies/export/route";
import * as companies from "@/app/api/crm/companies/route";
import * as suggestions from "@/app/api/crm/merge-suggestions/route";
import * as view from "@/app/api/crm/views/[id]/route";
import * as views from "@/app/api/crm/views/route";
import * as merge from "@/app/api/contacts/[id]/merge/route";
import * as assign from "@/app/api/team/clients/assign/route";
import * as shared from "@/app/api/team/clients/shared/route";
import { asService } from "@/lib/db";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { count, team, type Person } from "../helpers/inbox";
import { createDeal } from "../helpers/pipeline";

type Team = Awaited<ReturnType<typeof team>>;
type Summary = { id: string; name: string; tags: string[]; ownerId: string | null; interestLevel: string | null };
type Page = { clients: Summary[]; nextCursor: string | null; total: number | null };

describeEachDb("Contacts table: search, filters, sort, pages, views, bulk, team", () => {
  let a: Team;
  let b: Team;
  const ids: Record<string, string> = {};

  async function post(body: Record<string, unknown>, who: Person = a.agent) {
    const res = await clients.POST(jsonRequest("/api/crm/clients", { token: who.token, body }));
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
  async function list(query: string, who: Person = a.agent): Promise<Page> {
    const res = await clients.GET(jsonRequest(`/api/crm/clients?${query}`, { token: who.token }));
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json();
  }
  const names = async (query: string, who?: Person) => (await list(query, who)).clients.map((c) => c.name);

  beforeAll(async () => {
    a = await team("cla", "Alpha Contacts");
    b = await team("clb", "Beta Contacts");
    const co = await companies.POST(
      jsonRequest("/api/crm/companies", { token: a.agent.token, body: { name: "ООО Ёлка" } }),
    );
    const companyId = ((await co.json()) as { id: string }).id;
    ids.anna = await post({ name: "Анна Петрова", phone: "+7 903 555-12-34", tags: ["vip"], companyId });
    ids.boris = await post({ name: "Борис Ёлкин", email: "boris@example.ru", tags: ["opt"], ownerId: null });
    ids.john = await post({ name: "John Smith", email: "john@example.com", tags: ["vip", "en"] });
    ids.mary = await post({ name: "Mary Jones", phone: "+1 415 555 2671", ownerId: a.owner.userId });
    ids.other = await post({ name: "Анна Чужая", phone: "+7 903 555-99-99" }, b.agent);
    // Anna is a hot lead, John a cold one (the dialog analysis's leads table).
    await asService(async (sql) => {
      for (const [id, level, score] of [
        [ids.anna, "hot", 85],
        [ids.john, "cold", 20],
      ] as const) {
        await sql.query(
          "insert into public.leads (org_id, contact_id, interest_level, score) select org_id, id, $2, $3 from public.contacts where id = $1",
          [id, level, score],
        );
      }
    });
  });

  it("searches Russian and English names, phones by digits, e-mails and the company", async () => {
    expect(await names("q=анна")).toEqual(["Анна Петрова"]);
    expect(await names("q=ПЕТРОВ")).toEqual(["Анна Петрова"]);
    // ё and е are one letter to a searcher.
    expect(await names("q=елкин")).toEqual(["Борис Ёлкин"]);
    expect(await names("q=smith")).toEqual(["John Smith"]);
    expect(await names("q=5551234")).toEqual(["Анна Петрова"]);
    expect(await names("q=example.com")).toEqual(["John Smith"]);
    expect(await names("q=ёлка")).toEqual(["Анна Петрова"]);
    expect(await names("q=nobody")).toEqual([]);
  });

  it("filters by tag, owner, interest and creation date", async () => {
    expect((await names("tag=vip&sort=name")).sort()).toEqual(["Анна Петрова", "John Smith"].sort());
    expect(await names("owner=none")).toEqual(["Борис Ёлкин"]);
    expect(await names(`owner=${a.owner.userId}`)).toEqual(["Mary Jones"]);
    // A client added by hand belongs to whoever added them.
    expect((await names("owner=me&sort=name")).length).toBe(2);
    expect(await names("interest=hot")).toEqual(["Анна Петрова"]);
    expect((await names("interest=none&sort=name")).sort()).toEqual(["Mary Jones", "Борис Ёлкин"].sort());
    const today = new Date().toISOString().slice(0, 10);
    expect((await list(`createdFrom=${today}`)).total).toBe(4);
    expect((await list("createdTo=2000-01-01")).total).toBe(0);
    const bad = await clients.GET(jsonRequest("/api/crm/clients?interest=lukewarm", { token: a.agent.token }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("interest");
  });

  it("sorts by name and score and walks keyset pages without gaps or repeats", async () => {
    expect(await names("sort=name")).toEqual(["John Smith", "Mary Jones", "Анна Петрова", "Борис Ёлкин"]);
    expect(await names("sort=name&order=desc")).toEqual(["Борис Ёлкин", "Анна Петрова", "Mary Jones", "John Smith"]);
    expect((await names("sort=score")).slice(0, 2)).toEqual(["Анна Петрова", "John Smith"]);
    for (const sort of ["created", "name", "score", "updated"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Page = await list(`sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
        seen.push(...page.clients.map((c) => c.name));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen.length, sort).toBe(4);
      expect(new Set(seen).size, sort).toBe(4);
    }
    const first = await list("sort=name&limit=1");
    expect(first.total).toBe(4);
    const res = await clients.GET(
      jsonRequest(`/api/crm/clients?sort=created&cursor=${first.nextCursor}`, { token: a.agent.token }),
    );
    expect(res.status, "a cursor of another sort").toBe(400);
  });

  it("saves personal and shared views; another member sees only the shared one", async () => {
    const mk = async (who: Person, body: Record<string, unknown>) =>
      views.POST(jsonRequest("/api/crm/views", { token: who.token, body: { kind: "contacts", ...body } }));
    const mine = await mk(a.agent, { name: "VIP", filters: { tag: "vip" }, sort: "name", order: "asc" });
    expect(mine.status, await mine.clone().text()).toBe(201);
    const vip = (await mine.json()) as { id: string; filters: Record<string, string>; mine: boolean };
    expect(vip).toMatchObject({ filters: { tag: "vip" }, mine: true });
    const team = await mk(a.agent, { name: "Горячие", filters: { interest: "hot" }, shared: true });
    expect(team.status).toBe(201);
    expect((await mk(a.agent, { name: "Bad", filters: { interest: "boiling" } })).status).toBe(400);
    expect((await mk(a.viewer, { name: "Mine", shared: true })).status).toBe(403);

    const seenBy = async (who: Person) =>
      (
        (await (await views.GET(jsonRequest("/api/crm/views?kind=contacts", { token: who.token }))).json()) as {
          views: { name: string }[];
        }
      ).views.map((v) => v.name);
    expect((await seenBy(a.agent)).sort()).toEqual(["VIP", "Горячие"].sort());
    expect(await seenBy(a.viewer)).toEqual(["Горячие"]);
    expect(await seenBy(b.owner)).toEqual([]);

    // Only its author changes a view; another organisation's id is a 404.
    const patch = (who: Person, body: Record<string, unknown>) =>
      view.PATCH(
        jsonRequest(`/api/crm/views/${vip.id}`, { method: "PATCH", token: who.token, body }),
        params({ id: vip.id }),
      );
    expect((await patch(a.agent, { name: "VIP клиенты" })).status).toBe(200);
    expect((await patch(b.owner, { name: "x" })).status).toBe(404);
    const del = (who: Person) =>
      view.DELETE(
        jsonRequest(`/api/crm/views/${vip.id}`, { method: "DELETE", token: who.token }),
        params({ id: vip.id }),
      );
    expect((await del(b.owner)).status).toBe(404);
    expect((await del(a.agent)).status).toBe(204);
    expect(await count("contact_views", "id = $1", [vip.id])).toBe(0);
  });

  it("bulk-assigns, tags, untags and (managers only) deletes; another organisation's ids change nothing", async () => {
    const call = (who: Person, body: Record<string, unknown>) =>
      bulk.POST(jsonRequest("/api/crm/clients/bulk", { token: who.token, body }));
    const res = await call(a.agent, { action: "tag", ids: [ids.anna, ids.boris], tags: ["оптовик", "vip"] });
    expect(await res.json()).toEqual({ affected: 2 });
    expect(await names("tag=оптовик&sort=name")).toEqual(["Анна Петрова", "Борис Ёлкин"]);
    const anna = (await list("q=анна")).clients[0];
    expect(anna.tags).toEqual(["vip", "оптовик"]);
    await call(a.agent, { action: "untag", ids: [ids.anna], tags: ["оптовик"] });
    expect(await names("tag=оптовик")).toEqual(["Борис Ёлкин"]);

    expect((await call(a.agent, { action: "assign", ids: [ids.boris], userId: a.agent.userId })).status).toBe(200);
    expect(await names("owner=none")).toEqual([]);
    expect((await call(a.agent, { action: "assign", ids: [ids.boris], userId: b.owner.userId })).status).toBe(400);

    // Mixed with another organisation's contact: 404 and nothing happened.
    const mixed = await call(a.agent, { action: "tag", ids: [ids.anna, ids.other], tags: ["x"] });
    expect(mixed.status).toBe(404);
    expect(await count("contacts", "'x' = any(tags)", [])).toBe(0);
    expect((await call(a.viewer, { action: "tag", ids: [ids.anna], tags: ["y"] })).status).toBe(403);
    expect((await call(a.agent, { action: "delete", ids: [ids.mary] })).status).toBe(403);
    expect((await call(a.owner, { action: "delete", ids: [ids.other] })).status).toBe(404);
    expect(await count("contacts", "id = $1", [ids.other])).toBe(1);
    expect((await call(a.agent, { action: "tag", ids: [], tags: ["x"] })).status).toBe(400);
  });

  it("Team API: assigns clients and lists the shared base", async () => {
    const res = await assign.POST(
      jsonRequest("/api/team/clients/assign", {
        token: a.agent.token,
        body: { contactIds: [ids.boris, ids.john], userId: null },
      }),
    );
    expect(await res.json()).toEqual({ assigned: 2 });
    const base = (await (
      await shared.GET(jsonRequest("/api/team/clients/shared?sort=name", { token: a.viewer.token }))
    ).json()) as Page & { ownDealsOnly: boolean };
    expect(base.clients.map((c) => c.name)).toEqual(["John Smith", "Борис Ёлкин"]);
    expect(base.ownDealsOnly).toBe(false);
    const foreign = await assign.POST(
      jsonRequest("/api/team/clients/assign", { token: b.agent.token, body: { contactIds: [ids.john], userId: null } }),
    );
    expect(foreign.status).toBe(404);
    // B's shared base has none of A's clients (B's own client was assigned to whoever added it).
    const theirs = (await (
      await shared.GET(jsonRequest("/api/team/clients/shared", { token: b.owner.token }))
    ).json()) as Page;
    expect(theirs.clients).toEqual([]);
  });

  it("another organisation sees none of it: lists are empty, ids are 404", async () => {
    expect(await names("q=анна", b.agent)).toEqual(["Анна Чужая"]);
    const res = await client.GET(
      jsonRequest(`/api/crm/clients/${ids.anna}`, { token: b.agent.token }),
      params({ id: ids.anna }),
    );
    expect(res.status).toBe(404);
    const tl = await timeline.GET(
      jsonRequest(`/api/crm/clients/${ids.anna}/timeline`, { token: b.agent.token }),
      params({ id: ids.anna }),
    );
    expect(tl.status).toBe(404);
    const csv = await (await exportCsv.GET(jsonRequest("/api/crm/clients/export", { token: b.agent.token }))).text();
    expect(csv).toContain("Анна Чужая");
    expect(csv).not.toContain("Петрова");
  });

  it("a timeline has the deal's stage moves and the notes; a merge moves deals along", async () => {
    const deal = await createDeal(a.agent, { title: "Опт на 2027", contactId: ids.boris });
    const tl = (await (
      await timeline.GET(
        jsonRequest(`/api/crm/clients/${ids.boris}/timeline`, { token: a.viewer.token }),
        params({ id: ids.boris }),
      )
    ).json()) as { entries: { kind: string; text: string; dealId: string | null }[] };
    expect(tl.entries).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "stage", dealId: deal.id })]));

    // Two contacts of one person: the suggestion is listed, the merge moves the deal to the survivor.
    await createDeal(a.agent, { title: "Сделка Анны", contactId: ids.anna });
    const dup = await post({ name: "Борис Ёлкин", phone: "+7 903 555-12-34" });
    const listed = (await (
      await suggestions.GET(jsonRequest("/api/crm/merge-suggestions", { token: a.agent.token }))
    ).json()) as {
      suggestions: { contact: { id: string }; other: { id: string } }[];
    };
    const pair = listed.suggestions.find((s) => [s.contact.id, s.other.id].includes(dup));
    expect(pair, "the duplicate phone is suggested").toBeDefined();
    const m = await merge.POST(
      jsonRequest(`/api/contacts/${ids.boris}/merge`, { token: a.agent.token, body: { otherContactId: ids.anna } }),
      params({ id: ids.boris }),
    );
    expect(m.status, await m.clone().text()).toBe(200);
    expect(await count("deals", "contact_id = $1", [ids.boris])).toBe(2);
    expect(await count("deals", "contact_id = $1", [ids.anna])).toBe(0);
    expect(await names("q=петрова")).toEqual([]);
  });

  it("exports the filtered table as CSV with a BOM, either separator, formulas neutralised", async () => {
    await post({ name: '=HYPERLINK("http://evil")', tags: ["vip"] });
    const res = await exportCsv.GET(
      jsonRequest("/api/crm/clients/export?tag=vip&delimiter=%3B&sort=name", { token: a.viewer.token }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0].startsWith("id;name;phone;email")).toBe(true);
    expect(lines.slice(1).every((l) => /vip/.test(l))).toBe(true);
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).not.toContain("Mary Jones");
    const co = await (
      await companiesExport.GET(jsonRequest("/api/crm/companies/export", { token: a.agent.token }))
    ).text();
    expect(co).toContain("ООО Ёлка");
    // Response.text() drops the BOM as a UTF-8 decoder does.
    expect(co.split("\r\n")[0]).toBe("id,name,website,phone,email,contacts,notes,created_at");
  });
});
