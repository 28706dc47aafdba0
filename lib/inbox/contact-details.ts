import { z } from "zod";
import type { Sql } from "@/lib/db";
import { countryOf, findPhonesInText } from "./phone";

// Numbers and addresses a client wrote in the chat ("мой номер +7 (903) 555-12-34"), offered in the contact panel
// to be added with one click. Only what the contact does not have yet, newest first.

const EMAIL_IN_TEXT = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const email = z.email();

/** How far back the panel looks: the newest client messages are where a number is given. */
const MESSAGES_READ = 200;

export type FoundDetail = { kind: "phone" | "email"; value: string; messageId: string; at: string };

export function emailsInText(text: string): string[] {
  const found = (text.match(EMAIL_IN_TEXT) ?? []).map((e) => e.replace(/\.$/, "").toLowerCase());
  return [...new Set(found.filter((e) => email.safeParse(e).success))];
}

export async function findContactDetails(
  sql: Sql,
  orgId: string,
  contact: { id: string; phones: string[]; emails: string[]; language: string | null },
): Promise<FoundDetail[]> {
  const rows = await sql.query<{ id: string; text: string; created_at: Date }>(
    `select m.id, m.text, m.created_at from public.messages m
       join public.conversations c on c.id = m.conversation_id
      where c.org_id = $1 and c.contact_id = $2 and m.direction = 'in' and m.text is not null
        and m.text ~ '[0-9]{3}|@'
      order by m.created_at desc limit ${MESSAGES_READ}`,
    [orgId, contact.id],
  );
  // A local number ("8 903 …") is read in the contact's own country, else in Russia for a Russian speaker.
  const country = countryOf(contact.phones[0]) ?? (contact.language?.startsWith("ru") ? "RU" : undefined);
  const known = new Set([...contact.phones, ...contact.emails.map((e) => e.toLowerCase())]);
  const found: FoundDetail[] = [];
  for (const row of rows) {
    const at = new Date(row.created_at).toISOString();
    for (const value of findPhonesInText(row.text, country)) {
      if (!known.has(value)) found.push({ kind: "phone", value, messageId: row.id, at });
      known.add(value);
    }
    for (const value of emailsInText(row.text)) {
      if (!known.has(value)) found.push({ kind: "email", value, messageId: row.id, at });
      known.add(value);
    }
  }
  return found.slice(0, 5);
}
