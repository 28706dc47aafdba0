import { parse } from "csv-parse/sync";
import type { CountryCode } from "libphonenumber-js";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { parseTypedPhone } from "@/lib/inbox/phone";

// Contacts from a CSV file as people export them from Excel, Google Sheets or another CRM: UTF-8 with or without
// a BOM, `;` (Excel in Russia and most of Europe) or `,` or a tab between cells, Cyrillic headers. Parsing and
// checking only; lib/crm/import-store.ts writes.

export const IMPORT_FIELDS = [
  "name",
  "firstName",
  "lastName",
  "phone",
  "email",
  "company",
  "tags",
  "notes",
  "username",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const DELIMITERS = [";", ",", "\t"] as const;
export const MAX_IMPORT_ROWS = 50_000;
export const MAX_IMPORT_BYTES = 5_000_000;

/** Column index (as a string, JSON keys are) → field; a column left out is skipped. */
export const mappingSchema = z.record(z.string().regex(/^\d{1,3}$/, "a column number"), z.enum(IMPORT_FIELDS));
export type Mapping = z.infer<typeof mappingSchema>;

export const importOptionsSchema = z.object({
  fileName: z.string().trim().min(1).max(255).default("contacts.csv"),
  /** The file's text (the browser decodes it as UTF-8; a leading BOM is dropped here). */
  csv: z.string().min(1, "the file is empty").max(MAX_IMPORT_BYTES, "the file is over 5 MB"),
  /** Guessed from the header line when omitted. */
  delimiter: z.enum(DELIMITERS).optional(),
  /** Guessed from the headers when omitted. */
  mapping: mappingSchema.optional(),
  /** How numbers without a country code are read ("8 903 …" in RU). */
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, "an ISO 3166 country code such as RU")
    .optional(),
  /** Added to every imported contact. */
  tags: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
});
export type ImportOptions = z.output<typeof importOptionsSchema>;

export type RejectReason = "bad_phone" | "bad_email" | "missing_name" | "too_long";
export type Rejection = { row: number; field: ImportField | "row"; value: string; reason: RejectReason };
export type ImportRow = {
  /** The line of the file the record starts on (the header is line 1). */
  row: number;
  name: string;
  phone: string | null;
  email: string | null;
  company: string | null;
  tags: string[];
  notes: string | null;
  username: string | null;
};

const stripBom = (text: string) => text.replace(/^\uFEFF/, "");

/** The separator used most on the first line outside quotes (`;` wins a tie: Excel's in RU/EU). */
export function detectDelimiter(text: string): (typeof DELIMITERS)[number] {
  const line = stripBom(text).split(/\r?\n/, 1)[0] ?? "";
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: (typeof DELIMITERS)[number] = ";";
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Headers people write, lower-cased without spaces, dashes and dots, for each field. */
const HEADER_WORDS: Record<ImportField, string[]> = {
  name: [
    "name",
    "fullname",
    "contact",
    "contactname",
    "client",
    "имя",
    "фио",
    "клиент",
    "контакт",
    "имяфамилия",
    "названиеконтакта",
  ],
  firstName: ["firstname", "givenname", "first"],
  lastName: ["lastname", "surname", "familyname", "last", "фамилия"],
  phone: [
    "phone",
    "phonenumber",
    "mobile",
    "tel",
    "telephone",
    "cell",
    "whatsapp",
    "телефон",
    "тел",
    "мобильный",
    "номер",
    "номертелефона",
    "сотовый",
  ],
  email: ["email", "mail", "emailaddress", "почта", "электроннаяпочта", "емейл", "имейл"],
  company: ["company", "organization", "organisation", "companyname", "компания", "организация", "фирма"],
  tags: ["tags", "tag", "labels", "теги", "тег", "метки", "метка"],
  notes: [
    "notes",
    "note",
    "comment",
    "comments",
    "description",
    "заметки",
    "заметка",
    "комментарий",
    "примечание",
    "описание",
  ],
  username: ["username", "telegram", "login", "ник", "логин", "телеграм"],
};

const norm = (header: string) =>
  header
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[\s_\-.:()]/g, "");

export function guessMapping(headers: string[]): Mapping {
  const mapping: Mapping = {};
  const taken = new Set<ImportField>();
  headers.forEach((header, index) => {
    const h = norm(header);
    const field = IMPORT_FIELDS.find((f) => !taken.has(f) && HEADER_WORDS[f].includes(h));
    if (field) {
      mapping[String(index)] = field;
      taken.add(field);
    }
  });
  // "Имя" next to "Фамилия" is a first name.
  const nameCol = Object.keys(mapping).find((k) => mapping[k] === "name");
  if (nameCol && taken.has("lastName") && norm(headers[Number(nameCol)]) === "имя") mapping[nameCol] = "firstName";
  return mapping;
}

export type ParsedFile = {
  delimiter: (typeof DELIMITERS)[number];
  headers: string[];
  records: { line: number; cells: string[] }[];
};

/** The file's header and records; a file csv-parse cannot read (an unclosed quote) is the client's 400. */
export function parseCsv(text: string, delimiter?: (typeof DELIMITERS)[number]): ParsedFile {
  const body = stripBom(text);
  const used = delimiter ?? detectDelimiter(body);
  let rows: { info: { lines: number }; record: string[] }[];
  try {
    rows = parse(body, {
      delimiter: used,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as { info: { lines: number }; record: string[] }[];
  } catch (error) {
    throw new ApiError("bad_request", `csv: the file could not be read (${(error as Error).message})`);
  }
  const [head, ...rest] = rows;
  if (!head) throw new ApiError("bad_request", "csv: the file has no header line");
  if (rest.length > MAX_IMPORT_ROWS) throw new ApiError("bad_request", `csv: more than ${MAX_IMPORT_ROWS} rows`);
  // info.lines is where the record ends; a record starts after the one before it.
  let previousEnd = head.info.lines;
  const records = rest
    .map(({ info, record }) => {
      const line = previousEnd + 1;
      previousEnd = info.lines;
      return { line, cells: record };
    })
    .filter((r) => r.cells.some((c) => c !== ""));
  return { delimiter: used, headers: head.record, records };
}

const EMAIL = z.email();
const cut = (value: string | undefined) => (value ?? "").trim();

/** One record as a contact, or the reasons it is refused (each naming the field and the value). */
export function checkRecord(
  record: { line: number; cells: string[] },
  mapping: Mapping,
  options: { defaultCountry?: string; tags: string[] },
): { row: ImportRow } | { rejections: Rejection[] } {
  const get = (field: ImportField) => {
    const col = Object.keys(mapping).find((k) => mapping[k] === field);
    return col === undefined ? "" : cut(record.cells[Number(col)]);
  };
  const rejections: Rejection[] = [];
  const reject = (field: Rejection["field"], value: string, reason: RejectReason) =>
    rejections.push({ row: record.line, field, value: value.slice(0, 100), reason });

  const name = get("name") || [get("firstName"), get("lastName")].filter(Boolean).join(" ");
  if (!name) reject("name", "", "missing_name");
  else if (name.length > 200) reject("name", name, "too_long");

  const rawPhone = get("phone");
  let phone: string | null = null;
  if (rawPhone) {
    phone = parseTypedPhone(rawPhone, options.defaultCountry as CountryCode | undefined) ?? null;
    if (!phone) reject("phone", rawPhone, "bad_phone");
  }
  const rawEmail = get("email").toLowerCase();
  let email: string | null = null;
  if (rawEmail) {
    if (rawEmail.length <= 255 && EMAIL.safeParse(rawEmail).success) email = rawEmail;
    else reject("email", rawEmail, "bad_email");
  }
  const company = get("company").slice(0, 200) || null;
  const notes = get("notes").slice(0, 20000) || null;
  const username = get("username").replace(/^@/, "").slice(0, 100) || null;
  const tags = [
    ...new Set([
      ...options.tags,
      ...get("tags")
        .split(/[,;|]/)
        .map((t) => t.trim().slice(0, 50))
        .filter(Boolean),
    ]),
  ].slice(0, 50);
  if (rejections.length) return { rejections };
  return { row: { row: record.line, name, phone, email, company, tags, notes, username } };
}

/** Every record checked: the rows to write and the refusals, in file order. */
export function checkFile(file: ParsedFile, mapping: Mapping, options: { defaultCountry?: string; tags: string[] }) {
  const rows: ImportRow[] = [];
  const rejections: Rejection[] = [];
  const rejectedRows = new Set<number>();
  for (const record of file.records) {
    const result = checkRecord(record, mapping, options);
    if ("row" in result) rows.push(result.row);
    else {
      rejections.push(...result.rejections);
      rejectedRows.add(record.line);
    }
  }
  return { rows, rejections, rejectedCount: rejectedRows.size };
}

/** A mapping must say where a name comes from; a column number past the header is the client's mistake. */
export function checkMapping(mapping: Mapping, headers: string[]) {
  for (const col of Object.keys(mapping)) {
    if (Number(col) >= headers.length) throw new ApiError("bad_request", `mapping: column ${col} is not in the file`);
  }
  const fields = Object.values(mapping);
  if (!fields.includes("name") && !fields.includes("firstName") && !fields.includes("lastName")) {
    throw new ApiError("bad_request", "mapping: no column is mapped to the name");
  }
}
