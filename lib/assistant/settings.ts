import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { aiSettingsSchema, loadAiSettings, saveAiSettings, type AiSettings } from "@/lib/ai/settings";
import type { Sql } from "@/lib/db";
import { rescoreLeads } from "@/lib/dialogs/rescore";
import { currentEngine } from "./engine";

// Settings → AI over the API: the stored settings plus which engine answers (OpenAI when a key is configured).

export const aiSettingsViewSchema = aiSettingsSchema.extend({ engine: z.enum(["openai", "offline"]) });

export async function getSettingsView(sql: Sql, orgId: string) {
  return { ...(await loadAiSettings(sql, orgId)), engine: currentEngine() };
}

/** Saves (admins, through RLS); a changed scoring preset re-scores the organisation's leads in the same transaction. */
export async function updateSettings(sql: Sql, orgId: string, input: AiSettings) {
  const channelIds = Object.keys(input.channels);
  if (channelIds.length) {
    const known = await sql.query<{ id: string }>(
      "select id from public.channels where org_id = $1 and id in (select jsonb_array_elements_text($2::jsonb)::uuid)",
      [orgId, JSON.stringify(channelIds)],
    );
    const unknown = channelIds.find((id) => !known.some((k) => k.id === id));
    if (unknown) throw new ApiError("bad_request", `channels.${unknown}: no such channel in this organisation`);
  }
  const before = await loadAiSettings(sql, orgId);
  const saved = await saveAiSettings(sql, orgId, input);
  if (JSON.stringify(before.scoringPreset) !== JSON.stringify(saved.scoringPreset)) {
    await rescoreLeads(sql, orgId, saved.scoringPreset);
  }
  return { ...saved, engine: currentEngine() };
}
