import { orgRoute } from "@/lib/api/handler";
import { getPipelineSettings, updatePipelineSettings, updatePipelineSettingsSchema } from "@/lib/pipeline/settings";

export const GET = orgRoute({}, ({ sql, orgId }) => getPipelineSettings(sql, orgId));

export const PATCH = orgRoute({ role: "admin", body: updatePipelineSettingsSchema }, ({ sql, orgId, body }) =>
  updatePipelineSettings(sql, orgId, body),
);
