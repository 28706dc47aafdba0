import { z } from "zod";
import { templateCategories, type ProviderTemplate } from "../types";
import { GraphError, graphRequest } from "./graph";
import type { WhatsAppCloudChannel } from "./whatsapp";

// WhatsApp message templates: GET/POST /{waba-id}/message_templates. Only the body text is modelled; headers,
// footers and buttons made in WhatsApp Manager are sent as they were approved.

export type WhatsAppTemplate = ProviderTemplate & {
  /** Meta's own word (APPROVED, PAUSED, DISABLED, …): "rejected" covers every state that cannot be sent. */
  providerStatus: string;
};

/** Why a template call failed; retryable when trying later may help (throttling, Meta's 5xx). */
export class MetaTemplateError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = "MetaTemplateError";
  }
}

const VARIABLE_RE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export function templateVariables(body: string): string[] {
  return [...new Set([...body.matchAll(VARIABLE_RE)].map((m) => m[1]))];
}

function mapStatus(status: string): WhatsAppTemplate["status"] {
  const s = status.toUpperCase();
  if (s === "APPROVED") return "approved";
  if (s === "PENDING" || s === "IN_APPEAL" || s === "PENDING_DELETION") return "pending";
  return "rejected";
}

const remoteTemplate = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  language: z.string().min(1),
  status: z.string().min(1),
  category: z.string().default(""),
  rejected_reason: z.string().optional(),
  components: z.array(z.object({ type: z.string(), text: z.string().optional() })).default([]),
});

const listPage = z.object({
  data: z.array(remoteTemplate),
  paging: z
    .object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() })
    .optional(),
});

function categoryOf(category: string): ProviderTemplate["category"] {
  const c = category.toLowerCase();
  return (templateCategories as readonly string[]).includes(c) ? (c as ProviderTemplate["category"]) : undefined;
}

function toTemplate(t: z.infer<typeof remoteTemplate>): WhatsAppTemplate {
  const body = t.components.find((c) => c.type.toUpperCase() === "BODY")?.text ?? "";
  return {
    providerTemplateId: t.id,
    name: t.name,
    language: t.language,
    category: categoryOf(t.category),
    body,
    variables: templateVariables(body),
    status: mapStatus(t.status),
    providerStatus: t.status,
    ...(t.rejected_reason && t.rejected_reason !== "NONE" ? { rejectionReason: t.rejected_reason } : {}),
  };
}

function wabaOf(channel: WhatsAppCloudChannel) {
  const waba = channel.config.wabaId;
  if (!waba)
    throw new MetaTemplateError("set the WhatsApp Business Account id (wabaId) of this channel to use templates");
  return waba;
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof GraphError)) throw err;
    const text = err.details && !err.message.includes(err.details) ? `${err.message}: ${err.details}` : err.message;
    const retryable = err.status === 0 || err.status === 429 || err.status >= 500 || err.transient;
    throw new MetaTemplateError(text, err.code === undefined ? undefined : String(err.code), retryable);
  }
}

const MAX_PAGES = 50;

/** Every template of the channel's WhatsApp Business Account, with its approval status now. */
export async function syncTemplates(channel: WhatsAppCloudChannel): Promise<WhatsAppTemplate[]> {
  const waba = wabaOf(channel);
  const templates: WhatsAppTemplate[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const json = await call(() =>
      graphRequest({
        path: `${waba}/message_templates`,
        accessToken: channel.secrets.accessToken,
        query: { fields: "id,name,language,status,category,components,rejected_reason", limit: "100", after },
      }),
    );
    const parsed = listPage.safeParse(json);
    if (!parsed.success) throw new MetaTemplateError("unexpected answer from Meta listing templates", undefined, true);
    templates.push(...parsed.data.data.map(toTemplate));
    after = parsed.data.paging?.cursors?.after;
    // Graph omits `next` on the last page; the cursor alone does not say there is more.
    if (!parsed.data.paging?.next || !after) break;
  }
  return templates;
}

export const createTemplateInputSchema = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,512}$/, "lowercase letters, digits and underscores, as WhatsApp requires"),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "a WhatsApp language code such as en_US or ru"),
  category: z.string().trim().toLowerCase().pipe(z.enum(templateCategories)),
  body: z.string().trim().min(1).max(1024),
  /** Sample values Meta's reviewers see, by variable; a variable without one gets a placeholder. */
  examples: z.record(z.string(), z.string()).optional(),
});
export type CreateTemplateInput = z.input<typeof createTemplateInputSchema>;

const createResponse = z.object({
  id: z.string().min(1),
  status: z.string().default("PENDING"),
  category: z.string().optional(),
});

/** Submits a body-only template for review; it comes back pending (utility ones are sometimes approved at once). */
export async function createTemplate(
  channel: WhatsAppCloudChannel,
  input: CreateTemplateInput,
): Promise<WhatsAppTemplate> {
  const parsedInput = createTemplateInputSchema.safeParse(input);
  if (!parsedInput.success) {
    const i = parsedInput.error.issues[0];
    throw new MetaTemplateError(`${i.path.join(".")}: ${i.message}`);
  }
  const { name, language, category, body, examples = {} } = parsedInput.data;
  const waba = wabaOf(channel);
  const variables = templateVariables(body);
  const positional = variables.every((v) => /^\d+$/.test(v));
  if (positional && variables.some((v, i) => v !== String(i + 1))) {
    throw new MetaTemplateError("positional variables must be {{1}}, {{2}}, … in order");
  }
  if (!positional && variables.some((v) => !/^[a-z_][a-z0-9_]*$/.test(v))) {
    throw new MetaTemplateError(
      "named variables are lowercase letters, digits and underscores, not mixed with numbers",
    );
  }
  const sample = (v: string) => examples[v] ?? `sample ${v}`;
  const example = !variables.length
    ? {}
    : positional
      ? { example: { body_text: [variables.map(sample)] } }
      : { example: { body_text_named_params: variables.map((v) => ({ param_name: v, example: sample(v) })) } };
  const json = await call(() =>
    graphRequest({
      method: "POST",
      path: `${waba}/message_templates`,
      accessToken: channel.secrets.accessToken,
      body: {
        name,
        language,
        category: category.toUpperCase(),
        parameter_format: positional ? "POSITIONAL" : "NAMED",
        components: [{ type: "BODY", text: body, ...example }],
      },
    }),
  );
  const created = createResponse.safeParse(json);
  if (!created.success) throw new MetaTemplateError("Meta accepted the template without returning its id");
  return {
    providerTemplateId: created.data.id,
    name,
    language,
    category: categoryOf(created.data.category ?? category) ?? category,
    body,
    variables,
    status: mapStatus(created.data.status),
    providerStatus: created.data.status,
  };
}
