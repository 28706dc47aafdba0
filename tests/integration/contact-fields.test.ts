import { beforeAll, expect, it } from "vitest";
import * as contactRoute from "@/app/api/contacts/[id]/route";
import * as fieldRoute from "@/app/api/contacts/fields/[id]/route";
import * as fieldsRoute from "@/app/api/contacts/fields/route";
import { asService } from "@/lib/db";
import type { ContactView } from "@/lib/inbox/contact-panel";
import type { ContactField } from "@/lib/inbox/contact-fields";
import { describeEachDb } from "../helpers/db";
import { orgOf, seedChannel, seedDialog } from "../helpers/dialogs";
import { jsonRequest, params } from "../helpers/http";
import { team, type Person } from "../helpers/inbox";

async function patch(who: Person, id: string, body: unknown) {
  return contactRoute.PATCH(
    jsonRequest(`/api/contacts/${id}`, { method: "PATCH", token: who.token, body }),
    params({ id }),
  );
}
async function patchOk(who: Person, id: string, body: unknown): Promise<ContactView> {
  const res = await patch(who, id, body);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ContactView;
}
async function get(who: Person, id: string): Promise<ContactView> {
  const res = await contactRoute.GET(jsonRequest(`/api/contacts/${id}`, { token: who.token }), params({ id }));
  expect(res.status).toBe(200);
  return (await res.json()) as ContactView;
}
async function defineField(who: Person, body: unknown) {
  return fieldsRoute.POST(jsonRequest("/api/contacts/fields", { token: who.token, body }));
}

describeEachDb("contact panel fields", () => {
  let a: Awaited<ReturnType<typeof team>>;
  let b: Awaited<ReturnType<typeof team>>;
  let orgA: string;
  let contactId: string;
  let channelId: string;

  beforeAll(async () => {
    a = await team("cfa", "Alpha Contacts");
    b = await team("cfb", "Beta Contacts");
    orgA = await orgOf(a.owner);
    channelId = await seedChannel(orgA, "telegram", "alpha-tg");
    ({ contactId } = await seedDialog(orgA, channelId, "Ольга", [
      { direction: "in", text: "Здравствуйте! Сколько стоит ремонт ванной?" },
      { direction: "out", text: "Оставьте номер, перезвоним" },
      { direction: "in", text: "Мой номер +7 (903) 555-12-34, почта olga.k@example.ru." },
      { direction: "in", text: "Заказ 123456, рабочий 8 903 555 12 35" },
    ]));
    await asService((sql) => sql.query("update public.contacts set language = 'ru' where id = $1", [contactId]));
  });

  it("offers the numbers and email the client wrote, and adds one with a click", async () => {
    const before = await get(a.viewer, contactId);
    expect(before.ownPhones).toEqual([]);
    expect(before.foundDetails.map((d) => [d.kind, d.value])).toEqual([
      ["phone", "+79035551235"],
      ["phone", "+79035551234"],
      ["email", "olga.k@example.ru"],
    ]);
    // A viewer may look but not change.
    expect((await patch(a.viewer, contactId, { addPhone: "+79035551234" })).status).toBe(403);
    const after = await patchOk(a.agent, contactId, { addPhone: before.foundDetails[1].value });
    expect(after.phone).toBe("+79035551234");
    expect(after.ownPhones).toEqual(["+79035551234"]);
    expect(after.foundDetails.map((d) => d.value)).toEqual(["+79035551235", "olga.k@example.ru"]);
    const withEmail = await patchOk(a.agent, contactId, { addEmail: "Olga.K@example.ru" });
    expect(withEmail.emails).toEqual(["olga.k@example.ru"]);
    expect(withEmail.foundDetails.map((d) => d.value)).toEqual(["+79035551235"]);
  });

  it("edits numbers, emails and company with validation; bad input changes nothing", async () => {
    const edited = await patchOk(a.agent, contactId, {
      name: "Ольга Ким",
      phones: ["+7 (903) 555-12-34", "8 903 555 12 35", "+1 415 555 2671"],
      emails: ["olga.k@example.ru", "office@remont.example"],
      company: "  Ремонт-Сервис  ",
    });
    expect(edited).toMatchObject({
      name: "Ольга Ким",
      phone: "+79035551234",
      ownPhones: ["+79035551234", "+79035551235", "+14155552671"],
      email: "olga.k@example.ru",
      emails: ["olga.k@example.ru", "office@remont.example"],
      company: "Ремонт-Сервис",
      foundDetails: [],
    });
    const badPhone = await patch(a.agent, contactId, { phones: ["+79035551234", "+7 903 555"], company: "X" });
    expect(badPhone.status).toBe(400);
    expect(((await badPhone.json()) as { error: { message: string } }).error.message).toMatch(
      /phones\[1\].*not a valid phone number/,
    );
    const badEmail = await patch(a.agent, contactId, { emails: ["not-an-email"] });
    expect(badEmail.status).toBe(400);
    expect((await patch(a.agent, contactId, { company: "x".repeat(201) })).status).toBe(400);
    const unchanged = await get(a.agent, contactId);
    expect(unchanged.company).toBe("Ремонт-Сервис");
    expect(unchanged.ownPhones).toHaveLength(3);
    // Another organisation cannot see or change it.
    expect((await patch(b.owner, contactId, { company: "Hijack" })).status).toBe(404);
  });

  it("matches a client writing from WhatsApp by a number an agent added", async () => {
    const matched = await asService(async (sql) => {
      const [row] = await sql.query<{ id: string }>("select private.resolve_contact($1, 'whatsapp', $2::jsonb) as id", [
        orgA,
        JSON.stringify({ externalId: "14155552671", phone: "+14155552671", name: "Olga WA" }),
      ]);
      return row.id;
    });
    expect(matched).toBe(contactId);
    const other = await asService(async (sql) => {
      const [c] = await sql.query<{ id: string }>(
        "insert into public.contacts (org_id, name, phone) values ($1, 'Twin', '+79035551235') returning id",
        [orgA],
      );
      await sql.query("select private.suggest_merges($1, $2)", [orgA, c.id]);
      return c.id;
    });
    const view = await get(a.agent, contactId);
    expect(view.mergeSuggestions).toEqual([expect.objectContaining({ otherContactId: other, reason: "phone" })]);
  });

  it("custom fields: admins define text, number, date and select; agents fill them, validated by type", async () => {
    expect((await defineField(a.agent, { label: "Area", type: "number" })).status).toBe(403);
    expect((await defineField(a.owner, { label: "Kind", type: "select", options: [] })).status).toBe(400);
    expect((await defineField(a.owner, { label: "Kind", type: "color" })).status).toBe(400);
    const made: ContactField[] = [];
    for (const body of [
      { label: "Площадь, м²", type: "number" },
      { label: "Дата замера", type: "date" },
      { label: "Объект", type: "select", options: ["Квартира", "Дом", "Офис", "Дом"] },
      { label: "Откуда узнали", type: "text" },
    ]) {
      const res = await defineField(a.owner, body);
      expect(res.status, await res.clone().text()).toBe(201);
      made.push((await res.json()) as ContactField);
    }
    const [area, date, kind, source] = made;
    expect(kind.options).toEqual(["Квартира", "Дом", "Офис"]);
    expect((await defineField(a.owner, { label: "Объект", type: "text" })).status).toBe(409);

    const filled = await patchOk(a.agent, contactId, {
      customFields: { [area.id]: "54,5", [date.id]: "2026-12-12", [kind.id]: "Квартира", [source.id]: "Авито" },
    });
    expect(Object.fromEntries(filled.customFields.map((f) => [f.label, f.value]))).toEqual({
      "Площадь, м²": "54.5",
      "Дата замера": "2026-12-12",
      Объект: "Квартира",
      "Откуда узнали": "Авито",
    });
    for (const [id, value] of [
      [area.id, "много"],
      [date.id, "2026-02-30"],
      [date.id, "12.12.2026"],
      [kind.id, "Яхта"],
      ["00000000-0000-4000-8000-000000000000", "x"],
    ]) {
      const res = await patch(a.agent, contactId, { customFields: { [source.id]: "Changed", [id]: value } });
      expect(res.status, `${id}=${value}`).toBe(400);
    }
    // All or none: the valid value in the refused patches was not written either.
    expect((await get(a.agent, contactId)).customFields.find((f) => f.id === source.id)?.value).toBe("Авито");

    const cleared = await patchOk(a.agent, contactId, { customFields: { [source.id]: null } });
    expect(cleared.customFields.find((f) => f.id === source.id)?.value).toBeNull();

    // Removing an option drops the values that used it; removing a field drops its values.
    const renamed = await fieldRoute.PATCH(
      jsonRequest(`/api/contacts/fields/${kind.id}`, {
        method: "PATCH",
        token: a.owner.token,
        body: { options: ["Дом", "Офис"] },
      }),
      params({ id: kind.id }),
    );
    expect(renamed.status).toBe(200);
    expect((await get(a.agent, contactId)).customFields.find((f) => f.id === kind.id)?.value).toBeNull();
    const removed = await fieldRoute.DELETE(
      jsonRequest(`/api/contacts/fields/${area.id}`, { method: "DELETE", token: a.owner.token }),
      params({ id: area.id }),
    );
    expect(removed.status).toBe(204);
    expect((await get(a.agent, contactId)).customFields.map((f) => f.label)).toEqual([
      "Дата замера",
      "Объект",
      "Откуда узнали",
    ]);

    // The other organisation sees none of them and cannot fill ours.
    const theirs = await fieldsRoute.GET(jsonRequest("/api/contacts/fields", { token: b.owner.token }));
    expect(await theirs.json()).toEqual([]);
  });
});
