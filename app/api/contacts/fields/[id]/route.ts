import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { deleteContactField, updateContactField, updateContactFieldSchema } from "@/lib/inbox/contact-fields";

const idOf = (params: Record<string, string>) => parseWith(z.uuid(), params.id, "path: id");

/** { label?, options?, position? } (admins); the type of a field does not change. */
export const PATCH = orgRoute({ role: "admin", body: updateContactFieldSchema }, async ({ sql, orgId, params, body }) =>
  updateContactField(sql, orgId, idOf(params), body),
);

/** Removes the field and every contact's value of it (admins). */
export const DELETE = orgRoute({ role: "admin" }, async ({ sql, orgId, params }) => {
  await deleteContactField(sql, orgId, idOf(params));
});
