import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";

// Custom contact fields: an organisation defines them in Settings (admins), agents fill them per contact.
// Values are stored as text in a canonical form, checked here against the field's type.

export const CONTACT_FIELD_TYPES = ["text", "number", "date", "select"] as const;
export type ContactFieldType = (typeof CONTACT_FIELD_TYPES)[number];

export const contactFieldSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  type: z.enum(CONTACT_FIELD_TYPES),
  options: z.array(z.string()),
  position: z.number().int(),
});
export type ContactField = z.infer<typeof contactFieldSchema>;

const options = z
  .array(z.string().trim().min(1).max(100))
  .max(50)
  .transform((o) => [...new Set(o)]);

export const createContactFieldSchema = z
  .object({
    label: z.string().trim().min(1, "is required").max(80),
    type: z.enum(CONTACT_FIELD_TYPES),
    options: options.default([]),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .refine((f) => f.type !== "select" || f.options.length > 0, {
    path: ["options"],
    message: "a select field needs at least one option",
  })
  .transform((f) => ({ ...f, options: f.type === "select" ? f.options : [] }));

export const updateContactFieldSchema = z
  .object({
    label: z.string().trim().min(1, "is required").max(80).optional(),
    options: options.optional(),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "nothing to change" });

const COLUMNS = "id, label, type, options, position";

export async function listContactFields(sql: Sql, orgId: string): Promise<ContactField[]> {
  return sql.query<ContactField>(
    `select ${COLUMNS} from public.contact_fields where org_id = $1 order by position, created_at`,
    [orgId],
  );
}

function labelTaken(error: unknown): boolean {
  return (error as { code?: string }).code === "23505";
}

export async function createContactField(
  sql: Sql,
  orgId: string,
  body: z.output<typeof createContactFieldSchema>,
): Promise<ContactField> {
  try {
    const [row] = await sql.query<ContactField>(
      `insert into public.contact_fields (org_id, label, type, options, position)
       values ($1, $2, $3, $4, coalesce($5, (select count(*) from public.contact_fields where org_id = $1)))
       returning ${COLUMNS}`,
      [orgId, body.label, body.type, body.options, body.position ?? null],
    );
    return row;
  } catch (error) {
    if (labelTaken(error)) throw new ApiError("conflict", "label: a field with this name exists");
    throw error;
  }
}

export async function updateContactField(
  sql: Sql,
  orgId: string,
  id: string,
  body: z.output<typeof updateContactFieldSchema>,
): Promise<ContactField> {
  const [field] = await sql.query<ContactField>(
    `select ${COLUMNS} from public.contact_fields where org_id = $1 and id = $2`,
    [orgId, id],
  );
  if (!field) throw new ApiError("not_found", "no contact field with this id");
  if (body.options && field.type !== "select") throw new ApiError("bad_request", "options: only a select has options");
  if (body.options && !body.options.length) throw new ApiError("bad_request", "options: at least one option");
  try {
    const [row] = await sql.query<ContactField>(
      `update public.contact_fields set label = coalesce($3, label), options = coalesce($4, options),
              position = coalesce($5, position)
        where org_id = $1 and id = $2 returning ${COLUMNS}`,
      [orgId, id, body.label ?? null, body.options ?? null, body.position ?? null],
    );
    // A removed option no longer describes anyone: its values go rather than linger unshown.
    if (body.options) {
      await sql.query(
        "delete from public.contact_field_values where org_id = $1 and field_id = $2 and not (value = any($3::text[]))",
        [orgId, id, body.options],
      );
    }
    return row;
  } catch (error) {
    if (labelTaken(error)) throw new ApiError("conflict", "label: a field with this name exists");
    throw error;
  }
}

export async function deleteContactField(sql: Sql, orgId: string, id: string): Promise<void> {
  const rows = await sql.query("delete from public.contact_fields where org_id = $1 and id = $2 returning id", [
    orgId,
    id,
  ]);
  if (!rows.length) throw new ApiError("not_found", "no contact field with this id");
}

/** A value as a person enters it: text, a number (or its text), a date (YYYY-MM-DD), an option; null clears. */
export const fieldValueInput = z.union([z.string().max(2000), z.number(), z.null()]);
export type FieldValueInput = z.infer<typeof fieldValueInput>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The canonical stored text of a value for this field, null to clear, or the reason it is refused. */
export function canonicalValue(
  field: ContactField,
  input: FieldValueInput,
):
  | { ok: true; value: string | null }
  | {
      ok: false;
      reason: string;
    } {
  if (input === null || (typeof input === "string" && !input.trim())) return { ok: true, value: null };
  switch (field.type) {
    case "text":
      return { ok: true, value: String(input).trim() };
    case "number": {
      // People write "1 500,5" as often as 1500.5.
      const n = typeof input === "number" ? input : Number(input.replace(/[\s\u00a0]/g, "").replace(",", "."));
      return Number.isFinite(n) ? { ok: true, value: String(n) } : { ok: false, reason: "must be a number" };
    }
    case "date": {
      const m = ISO_DATE.exec(String(input).trim());
      const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
      const real = date && date.toISOString().slice(0, 10) === String(input).trim();
      return real ? { ok: true, value: String(input).trim() } : { ok: false, reason: "must be a date (YYYY-MM-DD)" };
    }
    case "select": {
      const value = String(input).trim();
      return field.options.includes(value)
        ? { ok: true, value }
        : { ok: false, reason: `must be one of: ${field.options.join(", ")}` };
    }
  }
}

/**
 * Sets (or clears, with null) a contact's values by field id, all or none: an unknown field or a value of
 * the wrong type is a 400 naming it, and nothing is written.
 */
export async function setContactFieldValues(
  sql: Sql,
  orgId: string,
  contactId: string,
  values: Record<string, FieldValueInput>,
): Promise<void> {
  const ids = Object.keys(values);
  if (!ids.length) return;
  const fields = new Map((await listContactFields(sql, orgId)).map((f) => [f.id, f]));
  const set: { field_id: string; value: string }[] = [];
  const clear: string[] = [];
  for (const id of ids) {
    const field = fields.get(id);
    if (!field) throw new ApiError("bad_request", `customFields.${id}: no such field`);
    const result = canonicalValue(field, values[id]);
    if (!result.ok) throw new ApiError("bad_request", `customFields.${id}: ${field.label} ${result.reason}`);
    if (result.value === null) clear.push(id);
    else set.push({ field_id: id, value: result.value });
  }
  if (set.length) {
    await sql.query(
      `insert into public.contact_field_values (org_id, contact_id, field_id, value)
       select $1, $2, r.field_id, r.value from jsonb_to_recordset($3::jsonb) as r(field_id uuid, value text)
       on conflict (contact_id, field_id) do update set value = excluded.value`,
      [orgId, contactId, JSON.stringify(set)],
    );
  }
  if (clear.length) {
    await sql.query(
      "delete from public.contact_field_values where org_id = $1 and contact_id = $2 and field_id = any($3::uuid[])",
      [orgId, contactId, clear],
    );
  }
}
