import { orgRoute } from "@/lib/api/handler";
import { CSV_MAX_ROWS, leadsCsv } from "@/lib/dialogs/csv";
import { checkAccount, leadsQuerySchema, listLeads } from "@/lib/dialogs/queries";

/** The leads matching the list's filters as a CSV download Excel opens (UTF-8 with BOM). */
export const GET = orgRoute(
  { query: leadsQuerySchema.omit({ limit: true, offset: true }) },
  async ({ sql, orgId, query }) => {
    checkAccount(orgId, query.userAccountId);
    const { results } = await listLeads(sql, orgId, { ...query, limit: CSV_MAX_ROWS, offset: 0 });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(leadsCsv(results), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="leads-${day}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
);
