import { z } from "zod";
import type { ContentCreateRequest } from "twilio/lib/rest/content/v1/content";
import { PermanentSendError, templateCategories, type ProviderTemplate, type TemplateDraft } from "../types";
import type { TwilioChannel } from "./config";
import { twilioApi } from "./client";
import { toTwilioSendError } from "./errors";

/**
 * WhatsApp templates on Twilio are Content API templates (content.twilio.com/v1): a Content resource (HX…
 * SID, the ContentSid a message is sent with) plus a WhatsApp approval request. Errors are thrown as
 * RetryableSendError / PermanentSendError, as for sends, so a job can retry a sync after a 429 or a 5xx.
 */
export type TwilioTemplate = ProviderTemplate & {
  /** Twilio's own word: unsubmitted, received, pending, approved, rejected, paused, disabled. */
  providerStatus: string;
};

/** Every Content template of the account with its WhatsApp approval status (GET /v1/ContentAndApprovals). */
export async function syncTemplates(channel: TwilioChannel): Promise<TwilioTemplate[]> {
  const api = twilioApi(channel.config, channel.secrets);
  try {
    const items = await api.client.content.v1.contentAndApprovals.list({ pageSize: 100 });
    return items.map((item) =>
      toTemplate({
        sid: item.sid,
        friendlyName: item.friendlyName,
        language: item.language,
        types: item.types,
        variables: item.variables,
        approval: item.approvalRequests,
      }),
    );
  } catch (error) {
    throw toTwilioSendError(error, api.lastResponse()?.headers);
  }
}

const placeholder = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
export function placeholdersOf(body: string): string[] {
  return [...new Set([...body.matchAll(placeholder)].map((m) => m[1]))];
}

/** A TemplateDraft checked against WhatsApp's rules before Twilio sees it (createTemplate throws PermanentSendError). */
export const templateDraftSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9_]{1,512}$/, "must be lowercase letters, digits and underscores"),
    language: z.string().regex(/^[a-z]{2,3}([_-][A-Za-z]{2,4})?$/, "must be a language code such as en, ru or pt_BR"),
    category: z.enum(templateCategories),
    body: z.string().trim().min(1).max(1024),
    examples: z.record(z.string(), z.string().min(1)).default({}),
  })
  .superRefine((t, ctx) => {
    // WhatsApp's reviewers read the template with a sample for every placeholder, and reject it without.
    const missing = placeholdersOf(t.body).filter((p) => !t.examples[p]);
    if (missing.length > 0) {
      ctx.addIssue({ code: "custom", path: ["examples"], message: `needs a sample for {{${missing.join("}}, {{")}}}` });
    }
  });

/** Creates a twilio/text Content template and submits it to WhatsApp for approval. */
export async function createTemplate(channel: TwilioChannel, draft: TemplateDraft): Promise<TwilioTemplate> {
  const checked = templateDraftSchema.safeParse(draft);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new PermanentSendError(`template ${issue.path.join(".")} ${issue.message}`);
  }
  const t = checked.data;
  const api = twilioApi(channel.config, channel.secrets);
  try {
    // The SDK posts this object as the JSON body unchanged, and the Content API reads snake_case and
    // "twilio/text"; the SDK's camelCase type (friendlyName, twilioText) would be ignored by Twilio.
    const wire = {
      friendly_name: t.name,
      language: t.language,
      variables: t.examples,
      types: { "twilio/text": { body: t.body } },
    };
    const content = await api.client.content.v1.contents.create(wire as unknown as ContentCreateRequest);
    const approval = await api.client.content.v1
      .contents(content.sid)
      .approvalCreate.create({ name: t.name, category: t.category.toUpperCase() });
    return toTemplate({
      sid: content.sid,
      friendlyName: content.friendlyName,
      language: content.language,
      types: content.types,
      variables: content.variables,
      approval: {
        name: approval.name,
        category: approval.category,
        status: approval.status,
        rejection_reason: approval.rejectionReason,
      },
    });
  } catch (error) {
    throw toTwilioSendError(error, api.lastResponse()?.headers);
  }
}

const approvalSchema = z.looseObject({
  name: z.string().nullish(),
  category: z.string().nullish(),
  status: z.string().nullish(),
  rejection_reason: z.string().nullish(),
});

type ContentLike = {
  sid: string;
  friendlyName?: string | null;
  language?: string | null;
  types?: unknown;
  variables?: unknown;
  approval?: unknown;
};

export function toTemplate(c: ContentLike): TwilioTemplate {
  const body = bodyOf(c.types);
  // ContentAndApprovals gives the WhatsApp approval directly; ApprovalRequests nests it under "whatsapp".
  const rawApproval = (c.approval as { whatsapp?: unknown } | null | undefined)?.whatsapp ?? c.approval;
  const approval = approvalSchema.safeParse(rawApproval ?? {});
  const a = approval.success ? approval.data : {};
  const providerStatus = a.status || "unsubmitted";
  const declared = c.variables && typeof c.variables === "object" ? Object.keys(c.variables) : [];
  return {
    providerTemplateId: c.sid,
    name: c.friendlyName || a.name || c.sid,
    language: c.language || "",
    body,
    variables: [...new Set([...placeholdersOf(body), ...declared])],
    status: statusOf(providerStatus),
    providerStatus,
    category: categoryOf(a.category),
    rejectionReason: a.rejection_reason || undefined,
  };
}

/** WhatsApp's three categories; templates from before 2023 still carry the old, finer ones. */
function categoryOf(raw: string | null | undefined): ProviderTemplate["category"] {
  const c = (raw ?? "").toLowerCase();
  if ((templateCategories as readonly string[]).includes(c)) return c as ProviderTemplate["category"];
  if (c === "otp") return "authentication";
  if (c.endsWith("_update") || c === "transactional" || c === "issue_resolution" || c === "auto_reply") {
    return "utility";
  }
  return undefined;
}

/**
 * approved can be sent; rejected and disabled never will be; the rest (unsubmitted, received, pending, and
 * paused, which WhatsApp lifts by itself after a quality pause) may become sendable later.
 */
function statusOf(providerStatus: string): TwilioTemplate["status"] {
  const s = providerStatus.toLowerCase();
  if (s === "approved") return "approved";
  if (s === "rejected" || s === "disabled") return "rejected";
  return "pending";
}

/** The text an agent sees: twilio/text's body, or the body (or title) of the richer type it falls back from. */
function bodyOf(types: unknown): string {
  if (!types || typeof types !== "object") return "";
  const entries = Object.entries(types as Record<string, unknown>);
  const preferred = entries.sort(([a], [b]) => Number(b === "twilio/text") - Number(a === "twilio/text"));
  for (const [, value] of preferred) {
    const v = value as { body?: unknown; title?: unknown } | null;
    if (typeof v?.body === "string" && v.body) return v.body;
    if (typeof v?.title === "string" && v.title) return v.title;
  }
  return "";
}
