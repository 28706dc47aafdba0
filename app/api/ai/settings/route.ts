import { orgRoute } from "@/lib/api/handler";
import { aiSettingsSchema } from "@/lib/ai/settings";
import { getSettingsView, updateSettings } from "@/lib/assistant/settings";

/** Settings → AI with the engine that answers ("openai" with a key, else "offline"). Any member. */
export const GET = orgRoute({}, async ({ sql, orgId }) => getSettingsView(sql, orgId));

/** Replaces the settings (admins); a changed scoring preset re-scores the leads. */
export const PUT = orgRoute({ role: "admin", body: aiSettingsSchema }, async ({ sql, orgId, body }) =>
  updateSettings(sql, orgId, body),
);
