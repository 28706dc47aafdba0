import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { getContact, updateContact, updateContactSchema } from "@/lib/inbox/contact-panel";

const idOf = (params: Record<string, string>) => parseWith(z.uuid(), params.id, "path: id");

export const GET = orgRoute({}, async ({ sql, orgId, params }) => getContact(sql, orgId, idOf(params)));

/** { name?, phones?, emails?, addPhone?, addEmail?, company?, customFields?, notes?, tags?, language? } */
export const PATCH = orgRoute({ role: "agent", body: updateContactSchema }, async ({ sql, orgId, params, body }) =>
  updateContact(sql, orgId, idOf(params), body),
);
