import { z } from "zod";
import { mediaSchema, messageTypeSchema } from "@/lib/channels/types";
import { explanationOf, replyExplanationSchema } from "@/lib/ai/reply-explanation";
import { PROBLEM_CODES } from "@/lib/channels/errors";
import { SEND_PROBLEM_CODES, sendProblemOf } from "@/lib/channels/send-problems";
import type { ChannelType } from "@/lib/channels/types";

/** A message as the API shows it. */
export const messageSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  direction: z.enum(["in", "out"]),
  senderType: z.enum(["contact", "agent", "ai", "business"]),
  senderUserId: z.uuid().nullable(),
  type: messageTypeSchema,
  text: z.string().nullable(),
  media: z.array(mediaSchema),
  status: z.enum(["received", "queued", "sent", "delivered", "read", "failed"]),
  /**
   * Why it failed, or why the last attempt did while it is still being retried: the problem the thread words
   * in the reader's language, and for admins the provider's own code and words (null for everyone else: a
   * provider's text can name accounts, numbers or URLs).
   */
  error: z
    .object({
      problem: z.enum([...SEND_PROBLEM_CODES, ...PROBLEM_CODES]),
      code: z.string().nullable(),
      message: z.string().nullable(),
    })
    .nullable(),
  attempts: z.number().int(),
  templateId: z.uuid().nullable(),
  occurredAt: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
  editedAt: z.string().nullable(),
  transcript: z.string().nullable(),
  /** An AI message's why: intent, confidence, the profile fact quoted (null for every other message). */
  aiExplanation: replyExplanationSchema.nullable().optional(),
});
export type MessageView = z.infer<typeof messageSchema>;

export type MessageRow = {
  id: string;
  seq: string;
  conversation_id: string;
  direction: "in" | "out";
  sender_type: MessageView["senderType"];
  sender_user_id: string | null;
  type: MessageView["type"];
  text: string | null;
  media: MessageView["media"];
  status: MessageView["status"];
  error_code: string | null;
  error_message: string | null;
  attempts: number;
  template_id: string | null;
  occurred_at: Date;
  created_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
  read_at: Date | null;
  edited_at: Date | null;
  transcript: string | null;
  ai_explanation: unknown;
};

export const MESSAGE_COLUMNS = `id, seq, conversation_id, direction, sender_type, sender_user_id, type, text, media, status,
  error_code, error_message, attempts, template_id, occurred_at, created_at, sent_at, delivered_at, read_at, edited_at,
  transcript, ai_explanation`;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Who reads the message: the channel's type words the problem, and only admins get the provider's text. */
export type MessageReader = { channelType: ChannelType; rawErrors: boolean };

function errorOf(row: MessageRow, reader: MessageReader): MessageView["error"] {
  if (!row.error_message) return null;
  const raw = { code: row.error_code, message: row.error_message };
  const problem = sendProblemOf(reader.channelType, raw);
  return reader.rawErrors ? { problem, ...raw } : { problem, code: null, message: null };
}

export function toMessageView(row: MessageRow, reader: MessageReader): MessageView {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    senderType: row.sender_type,
    senderUserId: row.sender_user_id,
    type: row.type,
    text: row.text,
    media: row.media,
    status: row.status,
    error: errorOf(row, reader),
    attempts: row.attempts,
    templateId: row.template_id,
    occurredAt: iso(row.occurred_at)!,
    createdAt: iso(row.created_at)!,
    sentAt: iso(row.sent_at),
    deliveredAt: iso(row.delivered_at),
    readAt: iso(row.read_at),
    editedAt: iso(row.edited_at),
    transcript: row.transcript,
    aiExplanation: row.sender_type === "ai" ? explanationOf(row.ai_explanation) : null,
  };
}
