import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { normalizePhone } from "./phone";

export const contactSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  phone: z.string().nullable(),
  /** Every number known for the contact: their own and those their WhatsApp identities carry. */
  phones: z.array(z.string()),
  email: z.string().nullable(),
  username: z.string().nullable(),
  notes: z.string(),
  tags: z.array(z.string()),
  language: z.string().nullable(),
  optedOutAt: z.string().nullable(),
  /** How they are known on each network (the channels they wrote through). */
  identities: z.array(
    z.object({
      network: z.enum(["telegram", "whatsapp", "instagram"]),
      externalId: z.string(),
      username: z.string().nullable(),
      displayName: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
  mergeSuggestions: z.array(
    z.object({
      id: z.uuid(),
      otherContactId: z.uuid(),
      otherName: z.string(),
      reason: z.enum(["phone", "name_username"]),
    }),
  ),
});
export type ContactView = z.infer<typeof contactSchema>;

export const updateContactSchema = z.object({
  name: z.string().trim().max(200).optional(),
  notes: z.string().max(20000).optional(),
  tags: z
    .array(z.string().trim().min(1).max(50))
    .max(50)
    .transform((tags) => [...new Set(tags)])
    .optional(),
  email: z.union([z.email().max(255), z.literal("").transform(() => null), z.null()]).optional(),
  /** Any way people write it; stored as E.164. */
  phone: z.string().max(40).nullable().optional(),
  language: z.string().max(16).nullable().optional(),
});

type ContactRow = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  username: string | null;
  notes: string;
  tags: string[];
  language: string | null;
  opted_out_at: Date | null;
  identities: ContactView["identities"];
  suggestions: ContactView["mergeSuggestions"];
};

/** A contact with what the conversation's side panel shows, through RLS. */
export async function getContact(sql: Sql, orgId: string, id: string): Promise<ContactView> {
  const [row] = await sql.query<ContactRow>(
    `select c.id, c.name, c.phone, c.email, c.username, c.notes, c.tags, c.language, c.opted_out_at,
            coalesce((select jsonb_agg(jsonb_build_object('network', i.network, 'externalId', i.external_id,
                        'username', i.username, 'displayName', i.display_name, 'phone', i.phone) order by i.created_at)
                        from public.contact_identities i where i.contact_id = c.id), '[]') as identities,
            coalesce((select jsonb_agg(jsonb_build_object('id', s.id, 'otherContactId', o.id, 'otherName', o.name,
                        'reason', s.reason) order by s.created_at)
                        from public.contact_merge_suggestions s
                        join public.contacts o on o.id = case when s.contact_id = c.id then s.other_contact_id else s.contact_id end
                       where s.status = 'open' and (s.contact_id = c.id or s.other_contact_id = c.id)), '[]') as suggestions
       from public.contacts c where c.org_id = $1 and c.id = $2`,
    [orgId, id],
  );
  if (!row) throw new ApiError("not_found", "contact not found");
  const phones = [row.phone, ...row.identities.map((i) => i.phone)].filter((p): p is string => Boolean(p));
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    phones: [...new Set(phones)],
    email: row.email,
    username: row.username,
    notes: row.notes,
    tags: row.tags,
    language: row.language,
    optedOutAt: row.opted_out_at ? new Date(row.opted_out_at).toISOString() : null,
    identities: row.identities,
    mergeSuggestions: row.suggestions,
  };
}

/** Name, notes, tags, email, phone, language (agents); a new phone or name may suggest a merge. */
export async function updateContact(
  sql: Sql,
  orgId: string,
  id: string,
  patch: z.output<typeof updateContactSchema>,
): Promise<ContactView> {
  let phone: string | null | undefined = patch.phone;
  if (typeof phone === "string" && phone.trim()) {
    phone = normalizePhone(phone);
    if (!phone) throw new ApiError("bad_request", "phone: not a phone number (write it with the country code)");
  } else if (phone !== undefined) {
    phone = null;
  }
  const set = {
    name: patch.name,
    notes: patch.notes,
    tags: patch.tags,
    email: patch.email,
    phone,
    language: patch.language,
  };
  const entries = Object.entries(set).filter(([, v]) => v !== undefined);
  if (entries.length) {
    const rows = await sql.query(
      `update public.contacts set ${entries.map(([k], i) => `${k} = $${i + 3}`).join(", ")}
        where org_id = $1 and id = $2 returning id`,
      [orgId, id, ...entries.map(([, v]) => v)],
    );
    if (!rows.length) throw new ApiError("not_found", "contact not found");
    // Through RLS as the agent: the same rules the webhook applies (private.suggest_merges).
    if (patch.phone !== undefined || patch.name !== undefined) {
      await sql.query("select private.suggest_merges($1, $2)", [orgId, id]);
    }
  }
  return getContact(sql, orgId, id);
}
