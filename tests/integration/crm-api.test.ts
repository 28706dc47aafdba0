import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import * as client from "@/app/api/crm/clients/[id]/route";
import * as clients from "@/app/api/crm/clients/route";
import * as company from "@/app/api/crm/companies/[id]/route";
import * as companies from "@/app/api/crm/companies/route";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { count, team } from "../helpers/inbox";
import { createDeal } from "../helpers/pipeline";

type Team = Awaited<ReturnType<typeof team>>;
type Client = {
  id: string;
  name: string;
  phone: string | null;
  companyId: string | null;
  companyName: string | null;
  deals: { id: string }[];
};
type Company = { id: string; name: string; contactCount: number; contacts: { id: string }[]; deals: { id: string }[] };

const errorOf = async (res: Response) => ((await res.json()) as { error: { message: string } }).error.message;

describeEachDb("CRM clients and companies API", () => {
  let a: Team;
  let b: Team;

  beforeAll(async () => {
    a = await team("cra", "Alpha CRM");
    b = await team("crb", "Beta CRM");
  });

  async function postCompany(body: Record<string, unknown>, who = a.agent) {
    const res = await companies.POST(jsonRequest("/api/crm/companies", { token: who.token, body }));
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Company;
  }
  async function postClient(body: Record<string, unknown>, who = a.agent) {
    const res = await clients.POST(jsonRequest("/api/crm/clients", { token: who.token, body }));
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Client;
  }

  it("creates, reads, lists, edits and deletes clients and companies", async () => {
    const romashka = await postCompany({ name: "ООО Ромашка", phone: "+7 (999) 123-45-67", website: "romashka.ru" });
    expect(romashka).toMatchObject({ name: "ООО Ромашка", contactCount: 0 });
    const anna = await postClient({
      name: "Анна Петрова",
      phone: "+7 999 000-11-22",
      tags: ["vip", "vip"],
      companyId: romashka.id,
    });
    expect(anna).toMatchObject({
      name: "Анна Петрова",
      phone: "+79990001122",
      companyId: romashka.id,
      companyName: "ООО Ромашка",
      tags: ["vip"],
    });
    await postClient({ name: "John Smith", email: "john@example.com" });
    const deal = await createDeal(a.agent, {
      title: "Сайт",
      contactId: anna.id,
      companyId: romashka.id,
      amount: 90000,
    });

    const got = (await (
      await client.GET(jsonRequest(`/api/crm/clients/${anna.id}`, { token: a.viewer.token }), params({ id: anna.id }))
    ).json()) as Client;
    expect(got.deals.map((d) => d.id)).toEqual([deal.id]);
    const co = (await (
      await company.GET(
        jsonRequest(`/api/crm/companies/${romashka.id}`, { token: a.viewer.token }),
        params({ id: romashka.id }),
      )
    ).json()) as Company;
    expect(co).toMatchObject({ contactCount: 1, contacts: [{ id: anna.id }], deals: [{ id: deal.id }] });

    const search = await clients.GET(
      jsonRequest(`/api/crm/clients?q=${encodeURIComponent("петров")}`, { token: a.viewer.token }),
    );
    expect(((await search.json()) as { clients: Client[] }).clients.map((c) => c.name)).toEqual(["Анна Петрова"]);
    const byTag = await clients.GET(jsonRequest("/api/crm/clients?tag=vip", { token: a.viewer.token }));
    expect(((await byTag.json()) as { clients: Client[] }).clients.map((c) => c.id)).toEqual([anna.id]);
    // Keyset pages of one: every client once, newest first.
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const res = await clients.GET(
        jsonRequest(`/api/crm/clients?limit=1${cursor ? `&cursor=${cursor}` : ""}`, { token: a.viewer.token }),
      );
      const page = (await res.json()) as { clients: Client[]; nextCursor: string | null };
      seen.push(...page.clients.map((c) => c.name));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(["John Smith", "Анна Петрова"]);
    const coList = await companies.GET(jsonRequest("/api/crm/companies?q=ромаш", { token: a.viewer.token }));
    expect(((await coList.json()) as { companies: Company[] }).companies.map((c) => c.id)).toEqual([romashka.id]);

    const patched = await client.PATCH(
      jsonRequest(`/api/crm/clients/${anna.id}`, {
        method: "PATCH",
        token: a.agent.token,
        body: { name: "Анна П.", companyId: null },
      }),
      params({ id: anna.id }),
    );
    expect(await patched.json()).toMatchObject({ name: "Анна П.", companyId: null });
    const renamed = await company.PATCH(
      jsonRequest(`/api/crm/companies/${romashka.id}`, {
        method: "PATCH",
        token: a.agent.token,
        body: { name: "АО Ромашка" },
      }),
      params({ id: romashka.id }),
    );
    expect(await renamed.json()).toMatchObject({ name: "АО Ромашка", contactCount: 0 });

    // Deleting is for managers; the deal stays, without its client.
    const byAgent = await client.DELETE(
      jsonRequest(`/api/crm/clients/${anna.id}`, { method: "DELETE", token: a.agent.token }),
      params({ id: anna.id }),
    );
    expect(byAgent.status).toBe(403);
    const byOwner = await client.DELETE(
      jsonRequest(`/api/crm/clients/${anna.id}`, { method: "DELETE", token: a.owner.token }),
      params({ id: anna.id }),
    );
    expect(byOwner.status).toBe(204);
    expect(await count("contacts", "id = $1", [anna.id])).toBe(0);
    expect(await count("deals", "id = $1 and contact_id is null", [deal.id])).toBe(1);
    const coGone = await company.DELETE(
      jsonRequest(`/api/crm/companies/${romashka.id}`, { method: "DELETE", token: a.owner.token }),
      params({ id: romashka.id }),
    );
    expect(coGone.status).toBe(204);
    const again = await company.GET(
      jsonRequest(`/api/crm/companies/${romashka.id}`, { token: a.owner.token }),
      params({ id: romashka.id }),
    );
    expect(again.status).toBe(404);
  });

  it("answers bad input with a 400 naming the field and stores nothing", async () => {
    const before = await count("contacts", "true", []);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: "" }, /^body: name/],
      [{ name: "X", phone: "call me" }, /^phone: /],
      [{ name: "X", email: "not-mail" }, /^body: email/],
      [{ name: "X", companyId: randomUUID() }, /^companyId: /],
    ];
    for (const [body, message] of cases) {
      const res = await clients.POST(jsonRequest("/api/crm/clients", { token: a.agent.token, body }));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await errorOf(res)).toMatch(message);
    }
    expect(await count("contacts", "true", [])).toBe(before);
    const viewer = await clients.POST(jsonRequest("/api/crm/clients", { token: a.viewer.token, body: { name: "V" } }));
    expect(viewer.status).toBe(403);
    const badCo = await companies.POST(
      jsonRequest("/api/crm/companies", { token: a.agent.token, body: { name: "Y", ownerId: b.owner.userId } }),
    );
    expect(badCo.status).toBe(400);
    expect(await errorOf(badCo)).toMatch(/^ownerId/);
    const badId = await client.GET(jsonRequest("/api/crm/clients/12", { token: a.agent.token }), params({ id: "12" }));
    expect(badId.status).toBe(400);
  });

  it("keeps clients and companies to their organisation: another org's member gets 404 and sees nothing", async () => {
    const co = await postCompany({ name: "Alpha only" });
    const c = await postClient({ name: "Alpha client", companyId: co.id });
    const listB = await clients.GET(jsonRequest("/api/crm/clients", { token: b.owner.token }));
    expect(((await listB.json()) as { clients: Client[] }).clients.map((x) => x.id)).not.toContain(c.id);
    const coListB = await companies.GET(jsonRequest("/api/crm/companies", { token: b.owner.token }));
    expect(((await coListB.json()) as { companies: Company[] }).companies).toEqual([]);
    const asB = { token: b.owner.token };
    expect((await client.GET(jsonRequest(`/api/crm/clients/${c.id}`, asB), params({ id: c.id }))).status).toBe(404);
    expect(
      (
        await client.PATCH(
          jsonRequest(`/api/crm/clients/${c.id}`, { ...asB, method: "PATCH", body: { name: "Taken" } }),
          params({ id: c.id }),
        )
      ).status,
    ).toBe(404);
    expect(
      (await client.DELETE(jsonRequest(`/api/crm/clients/${c.id}`, { ...asB, method: "DELETE" }), params({ id: c.id })))
        .status,
    ).toBe(404);
    expect((await company.GET(jsonRequest(`/api/crm/companies/${co.id}`, asB), params({ id: co.id }))).status).toBe(
      404,
    );
    expect(
      (
        await company.PATCH(
          jsonRequest(`/api/crm/companies/${co.id}`, { ...asB, method: "PATCH", body: { name: "Taken" } }),
          params({ id: co.id }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await company.DELETE(
          jsonRequest(`/api/crm/companies/${co.id}`, { ...asB, method: "DELETE" }),
          params({ id: co.id }),
        )
      ).status,
    ).toBe(404);
    // Nor can B link its own records to A's.
    const link = await clients.POST(
      jsonRequest("/api/crm/clients", { token: b.owner.token, body: { name: "B", companyId: co.id } }),
    );
    expect(link.status).toBe(400);
    const dealRes = await (
      await import("@/app/api/crm/deals/route")
    ).POST(jsonRequest("/api/crm/deals", { token: b.owner.token, body: { title: "B deal", contactId: c.id } }));
    expect(dealRes.status).toBe(400);
    expect(await errorOf(dealRes)).toMatch(/^contactId/);
    expect(await count("contacts", "id = $1 and name = 'Alpha client'", [c.id])).toBe(1);
  });
});
