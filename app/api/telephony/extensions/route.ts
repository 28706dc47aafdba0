import { orgRoute } from "@/lib/api/handler";
import { listExtensions, setExtension, setExtensionSchema } from "@/lib/telephony/extensions";

export const GET = orgRoute({}, async ({ sql, orgId }) => ({ extensions: await listExtensions(sql, orgId) }));

export const PUT = orgRoute({ role: "admin", body: setExtensionSchema }, async ({ sql, orgId, body }) => {
  await setExtension(sql, orgId, body);
  return { extensions: await listExtensions(sql, orgId) };
});
