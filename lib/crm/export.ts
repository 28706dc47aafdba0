import { z } from "zod";
import { withUser, type Claims } from "@/lib/db";
import { csvDelimiterParam, csvListSource, type CsvColumns, type CsvSource } from "@/lib/export/csv";
import { clientFiltersSchema, clientSortSchema, listClients, type ClientSummary } from "./clients-list";
import { companiesQuerySchema, listCompanies, type companySchema } from "./companies";

// CSV exports of the Contacts and Companies tables with the filters and sort on screen, streamed: each page is
// read in its own short RLS transaction as the caller, so a large export holds no transaction open.

const PAGE = 500;
const delimiter = csvDelimiterParam;

export const clientsExportQuerySchema = clientFiltersSchema.extend({ ...clientSortSchema.shape, delimiter });
export const companiesExportQuerySchema = companiesQuerySchema
  .omit({ cursor: true, limit: true })
  .extend({ delimiter });

const CLIENT_COLUMNS: CsvColumns<ClientSummary> = [
  ["id", (c) => c.id],
  ["name", (c) => c.name],
  ["phone", (c) => c.phone],
  ["email", (c) => c.email],
  ["username", (c) => c.username],
  ["company", (c) => c.companyName],
  ["tags", (c) => c.tags.join(", ")],
  ["owner", (c) => c.ownerName],
  ["channels", (c) => c.networks.join(", ")],
  ["score", (c) => c.score],
  ["interest", (c) => c.interestLevel],
  ["last_message_at", (c) => c.lastMessageAt],
  ["created_at", (c) => c.createdAt],
];

type Company = z.infer<typeof companySchema>;
const COMPANY_COLUMNS: CsvColumns<Company> = [
  ["id", (c) => c.id],
  ["name", (c) => c.name],
  ["website", (c) => c.website],
  ["phone", (c) => c.phone],
  ["email", (c) => c.email],
  ["contacts", (c) => c.contactCount],
  ["notes", (c) => c.notes],
  ["created_at", (c) => c.createdAt],
];

export function clientsCsv(claims: Claims, orgId: string, query: z.output<typeof clientsExportQuerySchema>): CsvSource {
  const { delimiter: sep, ...filters } = query;
  return csvListSource(
    "contacts",
    CLIENT_COLUMNS,
    async (cursor) => {
      const page = await withUser(claims, (sql) =>
        listClients(sql, orgId, { ...filters, cursor: cursor ?? undefined, limit: PAGE }),
      );
      return { items: page.clients, cursor: page.nextCursor };
    },
    sep,
  );
}

export function companiesCsv(
  claims: Claims,
  orgId: string,
  query: z.output<typeof companiesExportQuerySchema>,
): CsvSource {
  const { delimiter: sep, ...filters } = query;
  return csvListSource(
    "companies",
    COMPANY_COLUMNS,
    async (cursor) => {
      const page = await withUser(claims, (sql) =>
        listCompanies(sql, orgId, { ...filters, cursor: cursor ?? undefined, limit: PAGE }),
      );
      return { items: page.companies, cursor: page.nextCursor };
    },
    sep,
  );
}
