import { publishContactChanged } from "./contact-events";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { findContactDetails } from "./contact-details";
import { CONTACT_FIELD_TYPES, fieldValueInput, setContactFieldValues } from "./contact-fields";
import { countryOf, parseTypedPhone } from "./phone";

export const contactSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The first of `ownPhones`. */
  phone: z.string().nullable(),
  /** Every number known for the contact: their own and those their WhatsApp identities carry. */
  phones: z.array(z.string()),
  /** The numbers stored on the contact itself (editable), E.164, the main one first. */
  ownPhones: z.array(z.string()),
  /** The first of `emails`. */
  email: z.string().nullable(),
  emails: z.array(z.string()),
  company: z.string().nullable(),
  username: z.string().nullable(),
  notes: z.string(),
  tags: z.array(z.string()),
  language: z.string().nullable(),
  optedOutAt: z.string().nullable(),
  /** Every field the organisation defined, with this contact's value (null when empty). */
  customFields: z.array(
    z.object({
      id: z.uuid(),
      label: z.string(),
      type: z.enum(CONTACT_FIELD_TYPES),
      options: z.array(z.string()),
      value: z.string().nullable(),
    }),
  ),
  /** Numbers and emails the client wrote in a message that the contact does not have yet. */
  foundDetails: z.array(
    z.object({ kind: z.enum(["phone", "email"]), value: z.string(), messageId: z.uuid(), at: z.string() }),
  ),
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

const emailInput = z.email("not an email address").max(255);
const phoneInput = z.string().trim().min(1).max(40);

export const updateContactSchema = z.object({
  name: z.string().trim().max(200).optional(),
  notes: z.string().max(20000).optional(),
  tags: z
    .array(z.string().trim().min(1).max(50))
    .max(50)
    .transform((tags) => [...new Set(tags)])
    .optional(),
  /** The main email; the others in `emails` stay. */
  email: z.union([emailInput, z.literal("").transform(() => null), z.null()]).optional(),
  /** Every email of the contact, the main one first (replaces them all). */
  emails: z.array(z.string().trim().toLowerCase().pipe(emailInput)).max(11).optional(),
  /** The main number, any way people write it; stored as E.164. */
  phone: z.string().max(40).nullable().optional(),
  /** Every number of the contact, the main one first (replaces them all). */
  phones: z.array(phoneInput).max(11).optional(),
  /** One click on a number or email the client wrote: added after the others (nothing happens if known). */
  addPhone: phoneInput.optional(),
  addEmail: z.string().trim().toLowerCase().pipe(emailInput).optional(),
  company: z
    .string()
    .trim()
    .max(200)
    .nullable()
    .optional()
    .transform((v) => (v === "" ? null : v)),
  /** By field id; null clears a value. */
  customFields: z.record(z.uuid(), fieldValueInput).optional(),
  language: z.string().max(16).nullable().optional(),
});
export type ContactPatch = z.output<typeof updateContactSchema>;

type ContactRow = {
  id: string;
  name: string;
  phone: string | null;
  extra_phones: string[];
  email: string | null;
  extra_emails: string[];
  company: string | null;
  username: string | null;
  notes: string;
  tags: string[];
  language: string | null;
  opted_out_at: Date | null;
  identities: ContactView["identities"];
  suggestions: ContactView["mergeSuggestions"];
  custom_fields: ContactView["customFields"];
};

/** A contact with what the conversation's side panel shows, through RLS. */
export async function getContact(sql: Sql, orgId: string, id: string): Promise<ContactView> {
  const [row] = await sql.query<ContactRow>(
    `select c.id, c.name, c.phone, c.extra_phones, c.email, c.extra_emails, c.company, c.username, c.notes, c.tags,
            c.language, c.opted_out_at,
            coalesce((select jsonb_agg(jsonb_build_object('network', i.network, 'externalId', i.external_id,
                        'username', i.username, 'displayName', i.display_name, 'phone', i.phone) order by i.created_at)
                        from public.contact_identities i where i.contact_id = c.id), '[]') as identities,
            coalesce((select jsonb_agg(jsonb_build_object('id', s.id, 'otherContactId', o.id, 'otherName', o.name,
                        'reason', s.reason) order by s.created_at)
                        from public.contact_merge_suggestions s
                        join public.contacts o on o.id = case when s.contact_id = c.id then s.other_contact_id else s.contact_id end
                       where s.status = 'open' and (s.contact_id = c.id or s.other_contact_id = c.id)), '[]') as suggestions,
            coalesce((select jsonb_agg(jsonb_build_object('id', f.id, 'label', f.label, 'type', f.type,
                        'options', f.options, 'value', v.value) order by f.position, f.created_at)
                        from public.contact_fields f
                        left join public.contact_field_values v on v.field_id = f.id and v.contact_id = c.id
                       where f.org_id = c.org_id), '[]') as custom_fields
       from public.contacts c where c.org_id = $1 and c.id = $2`,
    [orgId, id],
  );
  if (!row) throw new ApiError("not_found", "contact not found");
  const ownPhones = row.phone ? [row.phone, ...row.extra_phones] : row.extra_phones;
  const emails = row.email ? [row.email, ...row.extra_emails] : row.extra_emails;
  const phones = [...ownPhones, ...row.identities.map((i) => i.phone)].filter((p): p is string => Boolean(p));
  const unique = [...new Set(phones)];
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    phones: unique,
    ownPhones,
    email: row.email,
    emails,
    company: row.company,
    username: row.username,
    notes: row.notes,
    tags: row.tags,
    language: row.language,
    optedOutAt: row.opted_out_at ? new Date(row.opted_out_at).toISOString() : null,
    customFields: row.custom_fields,
    foundDetails: await findContactDetails(sql, orgId, { id, phones: unique, emails, language: row.language }),
    identities: row.identities,
    mergeSuggestions: row.suggestions,
  };
}

/** E.164 of every number, or a 400 naming the one that is not a valid number. */
function typedPhones(inputs: string[], where: string, near: string | null): string[] {
  const country = countryOf(near);
  return inputs.map((input, i) => {
    const e164 = parseTypedPhone(input, country);
    if (!e164) {
      throw new ApiError(
        "bad_request",
        `${where}${inputs.length > 1 || where.endsWith("s") ? `[${i}]` : ""}: "${input}" is not a valid phone number (write it with the country code, e.g. +7 903 555-12-34)`,
      );
    }
    return e164;
  });
}

const unique = (list: string[]) => [...new Set(list)];

/**
 * The contact's numbers and emails after the patch: `phones` / `emails` replace the lists, `phone` / `email`
 * the main one, `addPhone` / `addEmail` append. Undefined when the patch leaves them alone.
 */
function nextLists(
  current: { phone: string | null; extra_phones: string[]; email: string | null; extra_emails: string[] },
  patch: ContactPatch,
) {
  let phones: string[] | undefined;
  const own = current.phone ? [current.phone, ...current.extra_phones] : current.extra_phones;
  if (patch.phones) phones = typedPhones(patch.phones, "phones", current.phone);
  else if (patch.phone !== undefined) {
    const main = patch.phone?.trim() ? typedPhones([patch.phone], "phone", current.phone) : [];
    phones = [...main, ...current.extra_phones];
  }
  if (patch.addPhone) phones = [...(phones ?? own), ...typedPhones([patch.addPhone], "addPhone", current.phone)];
  let emails: string[] | undefined;
  const ownEmails = current.email ? [current.email, ...current.extra_emails] : current.extra_emails;
  if (patch.emails) emails = patch.emails;
  else if (patch.email !== undefined) emails = [...(patch.email ? [patch.email] : []), ...current.extra_emails];
  if (patch.addEmail) emails = [...(emails ?? ownEmails), patch.addEmail];
  phones = phones && unique(phones);
  emails = emails && unique(emails);
  if (phones && phones.length > 11) throw new ApiError("bad_request", "phones: at most 11 numbers");
  if (emails && emails.length > 11) throw new ApiError("bad_request", "emails: at most 11 addresses");
  return { phones, emails };
}

/** Name, numbers, emails, company, custom fields, notes, tags, language (agents); a new number or name may suggest a merge. */
export async function updateContact(sql: Sql, orgId: string, id: string, patch: ContactPatch): Promise<ContactView> {
  const [current] = await sql.query<{
    phone: string | null;
    extra_phones: string[];
    email: string | null;
    extra_emails: string[];
  }>("select phone, extra_phones, email, extra_emails from public.contacts where org_id = $1 and id = $2 for update", [
    orgId,
    id,
  ]);
  if (!current) throw new ApiError("not_found", "contact not found");
  const { phones, emails } = nextLists(current, patch);
  const set = {
    name: patch.name,
    notes: patch.notes,
    tags: patch.tags,
    company: patch.company,
    language: patch.language,
    ...(phones && { phone: phones[0] ?? null, extra_phones: phones.slice(1) }),
    ...(emails && { email: emails[0] ?? null, extra_emails: emails.slice(1) }),
  };
  const entries = Object.entries(set).filter(([, v]) => v !== undefined);
  if (entries.length) {
    await sql.query(
      `update public.contacts set ${entries.map(([k], i) => `${k} = $${i + 3}`).join(", ")}
        where org_id = $1 and id = $2`,
      [orgId, id, ...entries.map(([, v]) => v)],
    );
  }
  if (patch.customFields) await setContactFieldValues(sql, orgId, id, patch.customFields);
  await publishContactChanged(sql, orgId, id, [
    ...(patch.name !== undefined ? (["name"] as const) : []),
    ...(phones ? (["phone"] as const) : []),
    ...(emails ? (["email"] as const) : []),
  ]);
  // Through RLS as the agent: the same rules the webhook applies (private.suggest_merges).
  if (phones || patch.name !== undefined) {
    await sql.query("select private.suggest_merges($1, $2)", [orgId, id]);
  }
  return getContact(sql, orgId, id);
}
