import { orgRoute } from "@/lib/api/handler";
import { callsCsv, callsQuerySchema } from "@/lib/telephony/calls";

export const GET = orgRoute({ query: callsQuerySchema }, async ({ sql, orgId, query }) => {
  const csv = await callsCsv(sql, orgId, query);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="calls-${new Date().toISOString().slice(0, 10)}.csv"`,
    },
  });
});
