import { z } from "zod";
import type { Sql } from "@/lib/db";
import { DEFAULT_QUALIFICATION_QUESTIONS } from "./analysis-schema";
import { businessProfileSchema } from "./profile-schema";
import { DEFAULT_SCORING_PRESET, scoringPresetSchema } from "./scoring";

// Settings → AI, one row of public.ai_settings per organisation. What the API accepts and returns is the same
// object; an organisation that never saved gets the defaults below.

export const AI_MODES = ["auto", "draft", "off"] as const;
export const aiModeSchema = z.enum(AI_MODES);
export type AiMode = z.infer<typeof aiModeSchema>;

const question = z.object({ ru: z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300) });
export const qualificationQuestionsSchema = z.object({ q1: question, q2: question, q3: question, q4: question });
export type QualificationQuestions = z.infer<typeof qualificationQuestionsSchema>;

export const channelAiSettingsSchema = z.object({
  /** null: the organisation's default mode. */
  mode: aiModeSchema.nullable().default(null),
  /** Answer voice notes with a voice note (OpenAI text-to-speech; Telegram sendVoice). */
  voiceReplies: z.boolean().default(false),
});

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");

/** When appointments can be booked; free slots are these minus the booked ones. */
export const availabilitySchema = z
  .object({
    timezone: z.string().min(1).max(64).default("Europe/Moscow"),
    /** ISO weekdays, 1 = Monday. */
    days: z.array(z.number().int().min(1).max(7)).max(7).default([1, 2, 3, 4, 5]),
    from: time.default("10:00"),
    to: time.default("18:00"),
    slotMinutes: z.number().int().min(15).max(480).default(60),
  })
  .refine((a) => a.from < a.to, { path: ["to"], message: "must be after from" });
export type Availability = z.infer<typeof availabilitySchema>;

export const aiSettingsSchema = z.object({
  /** null until the business describes itself; without a profile the assistant hands every question off. */
  profile: businessProfileSchema.nullable().default(null),
  qualificationQuestions: qualificationQuestionsSchema.default(DEFAULT_QUALIFICATION_QUESTIONS),
  scoringPreset: scoringPresetSchema.default(DEFAULT_SCORING_PRESET),
  /** null: OPENAI_MODEL from the environment. */
  model: z.string().trim().min(1).max(100).nullable().default(null),
  defaultMode: aiModeSchema.default("draft"),
  /** Keyed by channel id. */
  channels: z.record(z.uuid(), channelAiSettingsSchema).default({}),
  availability: availabilitySchema.default(availabilitySchema.parse({})),
  minIncoming: z.number().int().min(1).max(1000).default(3),
  /**
   * The most one dialog's analysis may take across all attempts (the SDK's retries, the batch's cool-downs);
   * past it the dialog counts as an error and the batch goes on.
   */
  analysisTimeoutSeconds: z.number().int().min(5).max(1800).default(120),
});
export type AiSettings = z.infer<typeof aiSettingsSchema>;
export type AiSettingsInput = z.input<typeof aiSettingsSchema>;

export const DEFAULT_AI_SETTINGS: AiSettings = aiSettingsSchema.parse({});

type Row = {
  profile: Record<string, unknown>;
  qualification_questions: Record<string, unknown>;
  scoring_preset: Record<string, unknown>;
  model: string | null;
  default_mode: AiMode;
  channel_settings: Record<string, unknown>;
  availability: Record<string, unknown>;
  min_incoming: number;
  analysis_timeout_seconds: number;
};

const emptyToUndefined = (o: Record<string, unknown>) => (Object.keys(o).length ? o : undefined);

/** The organisation's settings, defaults filled in. Works as a member (RLS) or as the service. */
export async function loadAiSettings(sql: Sql, orgId: string): Promise<AiSettings> {
  const [row] = await sql.query<Row>(
    `select profile, qualification_questions, scoring_preset, model, default_mode, channel_settings, availability,
            min_incoming, analysis_timeout_seconds
       from public.ai_settings where org_id = $1`,
    [orgId],
  );
  if (!row) return DEFAULT_AI_SETTINGS;
  return aiSettingsSchema.parse({
    profile: emptyToUndefined(row.profile) ?? null,
    qualificationQuestions: emptyToUndefined(row.qualification_questions),
    scoringPreset: emptyToUndefined(row.scoring_preset),
    model: row.model,
    defaultMode: row.default_mode,
    channels: row.channel_settings,
    availability: row.availability,
    minIncoming: row.min_incoming,
    analysisTimeoutSeconds: row.analysis_timeout_seconds,
  });
}

/** Replaces the organisation's settings (admins, through RLS). Returns what is now stored. */
export async function saveAiSettings(sql: Sql, orgId: string, settings: AiSettings): Promise<AiSettings> {
  await sql.query(
    `insert into public.ai_settings (org_id, profile, qualification_questions, scoring_preset, model, default_mode,
       channel_settings, availability, min_incoming, analysis_timeout_seconds)
     values ($1, $2::jsonb, $3::jsonb, $4::jsonb, $5, $6, $7::jsonb, $8::jsonb, $9, $10)
     on conflict (org_id) do update set profile = excluded.profile,
       qualification_questions = excluded.qualification_questions, scoring_preset = excluded.scoring_preset,
       model = excluded.model, default_mode = excluded.default_mode, channel_settings = excluded.channel_settings,
       availability = excluded.availability, min_incoming = excluded.min_incoming,
       analysis_timeout_seconds = excluded.analysis_timeout_seconds, updated_by = auth.uid()`,
    [
      orgId,
      JSON.stringify(settings.profile ?? {}),
      JSON.stringify(settings.qualificationQuestions),
      JSON.stringify(settings.scoringPreset),
      settings.model,
      settings.defaultMode,
      JSON.stringify(settings.channels),
      JSON.stringify(settings.availability),
      settings.minIncoming,
      settings.analysisTimeoutSeconds,
    ],
  );
  return loadAiSettings(sql, orgId);
}

/** Who answers a conversation: its own mode, else its channel's, else the organisation's. */
export function effectiveMode(settings: AiSettings, channelId: string, conversationMode: AiMode | null): AiMode {
  return conversationMode ?? settings.channels[channelId]?.mode ?? settings.defaultMode;
}
