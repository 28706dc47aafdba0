import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { asService, type Sql } from "@/lib/db";
import { sendMessage } from "@/lib/inbox/outbox";
import { loadContext } from "./context";
import { storeDraft } from "./deliver";
import { generateReply } from "./engine";
import { recordRun } from "@/lib/ai/runs";
import { explanationOf, replyExplanationSchema } from "@/lib/ai/reply-explanation";

// AI drafts (seed 003): a reply the assistant proposes, an agent edits and approves (sent through the outbox) or
// discards. Members read them through RLS; agents act on them.

export const draftStatuses = ["pending", "approved", "discarded", "superseded"] as const;

export const draftSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  inReplyTo: z.uuid().nullable(),
  text: z.string(),
  status: z.enum(draftStatuses),
  engine: z.enum(["openai", "offline"]),
  model: z.string().nullable(),
  /** Why the assistant proposed it (intent, confidence, the profile fact), when it said. */
  explanation: replyExplanationSchema.nullable().optional(),
  createdAt: z.string(),
});
export type DraftView = z.infer<typeof draftSchema>;

export const draftsQuerySchema = z.object({
  conversationId: z.uuid().optional(),
  status: z.enum(draftStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const generateDraftSchema = z.object({ conversationId: z.uuid() });
export const approveDraftSchema = z.object({ text: z.string().trim().min(1).max(4096).optional() });

type Row = {
  id: string;
  conversation_id: string;
  in_reply_to: string | null;
  text: string;
  status: DraftView["status"];
  engine: DraftView["engine"];
  model: string | null;
  explanation: unknown;
  created_at: Date;
};
const COLUMNS = "id, conversation_id, in_reply_to, text, status, engine, model, explanation, created_at";

const toView = (r: Row): DraftView => ({
  id: r.id,
  conversationId: r.conversation_id,
  inReplyTo: r.in_reply_to,
  text: r.text,
  status: r.status,
  engine: r.engine,
  model: r.model,
  explanation: explanationOf(r.explanation),
  createdAt: new Date(r.created_at).toISOString(),
});

export async function listDrafts(sql: Sql, orgId: string, query: z.output<typeof draftsQuerySchema>) {
  const rows = await sql.query<Row>(
    `select ${COLUMNS} from public.ai_drafts
      where org_id = $1 and ($2::uuid is null or conversation_id = $2) and ($3::text is null or status = $3)
      order by created_at desc, id desc limit $4`,
    [orgId, query.conversationId ?? null, query.status ?? null, query.limit],
  );
  return { drafts: rows.map(toView) };
}

export async function getDraft(sql: Sql, orgId: string, id: string, lock = false): Promise<DraftView> {
  const [row] = await sql.query<Row>(
    `select ${COLUMNS} from public.ai_drafts where org_id = $1 and id = $2${lock ? " for update" : ""}`,
    [orgId, id],
  );
  if (!row) throw new ApiError("not_found", "draft not found");
  return toView(row);
}

/** Checks, as the agent (RLS), that the conversation is theirs to work on; the AI call happens after commit. */
export async function assertConversation(sql: Sql, orgId: string, conversationId: string) {
  const [row] = await sql.query("select 1 from public.conversations where org_id = $1 and id = $2", [
    orgId,
    conversationId,
  ]);
  if (!row) throw new ApiError("not_found", "conversation not found");
}

/**
 * Asks the assistant for a draft now, outside any member transaction (a model call must not hold a database
 * connection). A question the profile cannot answer is a 409, not an invented draft; the agent is already
 * looking, so no hand-off flag or notification is made.
 */
export async function generateDraft(orgId: string, conversationId: string, userId: string | null) {
  const ctx = await asService((sql) => loadContext(sql, orgId, conversationId));
  if (!ctx) throw new ApiError("not_found", "conversation not found");
  const lastIn = [...ctx.history].reverse().find((m) => m.direction === "in");
  if (!lastIn) throw new ApiError("conflict", "the client has not written yet", { reason: "no_client_message" });
  const reply = await generateReply(ctx, { personAnswers: true });
  // The agent asked: an answer the engine was unsure of is theirs to check, not a refusal.
  const generated =
    reply.kind === "handoff" && reply.draft ? { ...reply, kind: "answer" as const, text: reply.draft } : reply;
  if (generated.kind === "handoff") {
    await asService((sql) =>
      recordRun(sql, {
        orgId,
        kind: "draft",
        engine: generated.engine,
        outcome: generated.outcome,
        usage: generated.usage,
        error: generated.reason,
        conversationId,
        contactId: ctx.contactId,
        messageId: lastIn.id,
      }),
    );
    throw new ApiError("conflict", "the assistant cannot answer this from the business profile", {
      reason: "handoff",
      detail: generated.reason,
    });
  }
  const stored = await storeDraft(ctx, lastIn.id, generated, { claimMessage: false, createdBy: userId });
  if (stored.outcome !== "drafted") throw new ApiError("conflict", "a draft was made meanwhile; reload");
  return asService((sql) => getDraft(sql, orgId, stored.draftId));
}

async function decide(sql: Sql, orgId: string, id: string, status: "approved" | "discarded", messageId?: string) {
  const [row] = await sql.query<Row>(
    `update public.ai_drafts
        set status = $3, sent_message_id = $4, decided_by = auth.uid(), decided_at = now()
      where org_id = $1 and id = $2 and status = 'pending'
      returning ${COLUMNS}`,
    [orgId, id, status, messageId ?? null],
  );
  if (!row) throw new ApiError("conflict", "the draft is no longer pending");
  return toView(row);
}

async function pending(sql: Sql, orgId: string, id: string) {
  const draft = await getDraft(sql, orgId, id, true);
  if (draft.status !== "pending") {
    throw new ApiError("conflict", `the draft is ${draft.status}`, { status: draft.status });
  }
  return draft;
}

/**
 * Sends the draft (or the agent's edit of it) through the outbox as the agent. Approving does not pause the
 * assistant the way a reply of the agent's own does: the agent endorsed the assistant's answer rather than
 * taking the conversation over, and pausing would end auto mode for a conversation the agent only checked.
 */
export async function approveDraft(sql: Sql, orgId: string, id: string, text: string | undefined) {
  const draft = await pending(sql, orgId, id);
  const queued = await sendMessage(
    sql,
    orgId,
    { conversationId: draft.conversationId, text: text ?? draft.text },
    { pauseAi: false },
  );
  return { draft: await decide(sql, orgId, id, "approved", queued.message.id), ...queued };
}

export async function discardDraft(sql: Sql, orgId: string, id: string) {
  await pending(sql, orgId, id);
  return decide(sql, orgId, id, "discarded");
}
