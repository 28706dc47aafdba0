import { z } from "zod";

// Every switch between the embedded default and production is made from this one validated object.
const optionalUrl = z
  .string()
  .url()
  .optional()
  .or(z.literal("").transform(() => undefined));
const optional = z
  .string()
  .optional()
  .or(z.literal("").transform(() => undefined));

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    APP_URL: optionalUrl,
    DATA_DIR: z.string().min(1).default("./.data"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection string")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    JWT_SECRET: z
      .string()
      .min(32, "must be at least 32 characters")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    ENCRYPTION_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters (32 bytes)")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    NEXT_PUBLIC_SUPABASE_URL: optionalUrl,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: optional,
    TRIGGER_SECRET_KEY: optional,
    TRIGGER_API_URL: optionalUrl,
    // Provider base URLs: production leaves them unset; tests point the real SDKs at local fakes.
    TELEGRAM_API_ROOT: z.string().url().default("https://api.telegram.org"),
    TWILIO_API_BASE_URL: optionalUrl,
    /** Retell AI API origin (default https://api.retellai.com; a test fake). */
    RETELL_API_BASE_URL: optionalUrl,
    META_GRAPH_API_URL: z.string().url().default("https://graph.facebook.com"),
    META_GRAPH_API_VERSION: z
      .string()
      .regex(/^v\d+\.\d+$/, "must look like v23.0")
      .default("v23.0"),
    // OpenAI or any OpenAI-compatible server; without a key the offline engine answers instead.
    OPENAI_API_KEY: optional,
    OPENAI_BASE_URL: optionalUrl,
    OPENAI_MODEL: z.string().min(1).default("gpt-4.1-mini"),
    OPENAI_TRANSCRIBE_MODEL: z.string().min(1).default("gpt-4o-mini-transcribe"),
    OPENAI_TTS_MODEL: z.string().min(1).default("gpt-4o-mini-tts"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    JOBS_RUNNER: z.enum(["on", "off"]).default("on"),
    // Raw webhook events older than this are deleted daily (lib/inbox/retention.ts).
    WEBHOOK_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.NEXT_PUBLIC_SUPABASE_URL) !== Boolean(env.NEXT_PUBLIC_SUPABASE_ANON_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: [env.NEXT_PUBLIC_SUPABASE_URL ? "NEXT_PUBLIC_SUPABASE_ANON_KEY" : "NEXT_PUBLIC_SUPABASE_URL"],
        message: "set both NEXT_PUBLIC_SUPABASE_URL and NEXT_PUBLIC_SUPABASE_ANON_KEY, or neither",
      });
    }
    if (env.NEXT_PUBLIC_SUPABASE_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message: "is required with Supabase: the project's Postgres connection string",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    super("Invalid environment:\n" + issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`).join("\n"));
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw new EnvError(result.error.issues);
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  return (cached ??= parseEnv());
}

/** For tests that change process.env between cases. */
export function resetEnvCache() {
  cached = undefined;
}
