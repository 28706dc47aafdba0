import { z } from "zod";

// Why the assistant said what it said, stored with each AI message and draft (messages.ai_explanation,
// ai_drafts.explanation) and shown under the bubble: which intent matched, how sure the engine was, and the
// profile fact it quoted. Codes, not sentences: the UI words them in the agent's language.

export const REPLY_INTENTS = [
  "price",
  "duration",
  "hours",
  "area",
  "address",
  "booking",
  "callback",
  "human",
  "faq",
  "model",
] as const;

export const replyExplanationSchema = z.object({
  engine: z.enum(["openai", "offline"]),
  /** null: nothing the engine recognised. "model": OpenAI, which reports no intent. */
  intent: z.enum(REPLY_INTENTS).nullable(),
  /** 0..1 for the offline engine; null for OpenAI, which reports none. */
  confidence: z.number().min(0).max(1).nullable(),
  /** answered: sent as the answer; withheld: a manager will answer (a draft may be left); action: a request done. */
  decision: z.enum(["answered", "withheld", "action"]),
  fact: z
    .object({
      type: z.enum(["faq", "service", "services", "hours", "area", "slots", "slot", "phone", "time"]),
      text: z.string().max(1000),
    })
    .nullable(),
  /** Why it was withheld (a HandoffReason code of the offline engine), else null. */
  reason: z.string().max(60).nullable(),
  /** Tools the answer used (request_callback, book_appointment, hand_off, …). */
  tools: z.array(z.string().max(40)).max(10),
  /** Slot labels this message offered, so the client's pick can be booked. */
  offeredSlots: z.array(z.string().max(16)).max(10).optional(),
});
export type ReplyExplanation = z.infer<typeof replyExplanationSchema>;

/** A stored explanation, or null when absent or not one (never throws on old or foreign rows). */
export function explanationOf(value: unknown): ReplyExplanation | null {
  const parsed = replyExplanationSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
