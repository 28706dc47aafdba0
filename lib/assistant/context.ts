import type { AiMode, AiSettings } from "@/lib/ai/settings";
import type { JobHandle } from "@/lib/jobs/registry";
import { loadAiSettings } from "@/lib/ai/settings";
import type { ReplyTurn } from "@/lib/ai/openai/reply";
import type { ChannelType, Media, MessageType } from "@/lib/channels/types";
import type { Sql } from "@/lib/db";
import { explanationOf, type ReplyExplanation } from "@/lib/ai/reply-explanation";

// What the assistant reads about a conversation: who, where, its AI state, and the recent messages as text
// (voice notes by their transcript). Loaded as the service, always scoped to the organisation.

/** Messages of history given to the engine: enough context, bounded cost. */
export const HISTORY_LIMIT = 30;

export type HistoryMessage = {
  id: string;
  direction: "in" | "out";
  senderType: "contact" | "agent" | "ai" | "business";
  type: MessageType;
  /** The text, else the transcript of a voice note; null when there is nothing to read. */
  text: string | null;
  media: Media[];
  transcript: string | null;
  aiProcessedAt: Date | null;
  /** An AI message's explanation (what it offered, e.g. slots), else null. */
  aiExplanation: ReplyExplanation | null;
};

export type AssistantContext = {
  orgId: string;
  conversationId: string;
  channelId: string;
  channelType: ChannelType;
  channelName: string;
  contactId: string;
  contactName: string;
  contactPhone: string | null;
  assigneeId: string | null;
  aiMode: AiMode | null;
  aiPausedReason: "handoff" | "agent_reply" | null;
  needsHuman: boolean;
  settings: AiSettings;
  /** Oldest first. */
  history: HistoryMessage[];
  /** The job answering, when one is (see AfterInbound). */
  job?: JobHandle;
};

type ConversationRow = {
  channel_id: string;
  channel_type: ChannelType;
  channel_name: string;
  contact_id: string;
  contact_name: string;
  contact_phone: string | null;
  assignee_id: string | null;
  ai_mode: AiMode | null;
  ai_paused_reason: AssistantContext["aiPausedReason"];
  needs_human: boolean;
};

type MessageRow = {
  id: string;
  direction: "in" | "out";
  sender_type: HistoryMessage["senderType"];
  type: MessageType;
  text: string | null;
  media: Media[];
  transcript: string | null;
  ai_processed_at: Date | null;
  ai_explanation: unknown;
};

export async function loadContext(sql: Sql, orgId: string, conversationId: string): Promise<AssistantContext | null> {
  const [c] = await sql.query<ConversationRow>(
    `select c.channel_id, ch.type as channel_type, ch.name as channel_name, c.contact_id, ct.name as contact_name,
            ct.phone as contact_phone, c.assignee_id, c.ai_mode, c.ai_paused_reason, c.needs_human
       from public.conversations c
       join public.channels ch on ch.id = c.channel_id
       join public.contacts ct on ct.id = c.contact_id
      where c.org_id = $1 and c.id = $2`,
    [orgId, conversationId],
  );
  if (!c) return null;
  const rows = await sql.query<MessageRow>(
    `select id, direction, sender_type, type, text, media, transcript, ai_processed_at, ai_explanation from (
       select id, direction, sender_type, type, text, media, transcript, ai_processed_at, ai_explanation, created_at,
              seq
         from public.messages where org_id = $1 and conversation_id = $2
        order by created_at desc, seq desc limit $3
     ) recent order by created_at, seq`,
    [orgId, conversationId, HISTORY_LIMIT],
  );
  return {
    orgId,
    conversationId,
    channelId: c.channel_id,
    channelType: c.channel_type,
    channelName: c.channel_name,
    contactId: c.contact_id,
    contactName: c.contact_name,
    contactPhone: c.contact_phone,
    assigneeId: c.assignee_id,
    aiMode: c.ai_mode,
    aiPausedReason: c.ai_paused_reason,
    needsHuman: c.needs_human,
    settings: await loadAiSettings(sql, orgId),
    history: rows.map((r) => ({
      id: r.id,
      direction: r.direction,
      senderType: r.sender_type,
      type: r.type,
      text: r.text?.trim() || r.transcript?.trim() || null,
      media: r.media,
      transcript: r.transcript,
      aiProcessedAt: r.ai_processed_at,
      aiExplanation: r.sender_type === "ai" ? explanationOf(r.ai_explanation) : null,
    })),
  };
}

/** The history as the engines read it: only messages with words, the client's and the business's turns. */
export function turnsOf(history: HistoryMessage[]): ReplyTurn[] {
  return history.flatMap((m) => (m.text ? [{ role: m.direction === "in" ? "client" : "business", text: m.text }] : []));
}
