import { afterCommit, orgRoute } from "@/lib/api/handler";
import { MAX_IMPORT_BYTES } from "@/lib/crm/csv-import";
import { createImport, dryRunImport, getImport, importBodySchema, startImport } from "@/lib/crm/import-job";

/** A dry run answers what would happen; otherwise 202 with the import, whose job then writes the rows. */
export const POST = orgRoute(
  { role: "agent", body: importBodySchema, maxBytes: MAX_IMPORT_BYTES + 100_000 },
  async ({ sql, orgId, body }) => {
    const { dryRun, ...options } = body;
    if (dryRun) return dryRunImport(sql, orgId, options);
    const id = await createImport(sql, orgId, options);
    const run = await getImport(sql, orgId, id);
    return afterCommit(async () => {
      await startImport(orgId, id);
      return Response.json(run, { status: 202 });
    });
  },
);
