import { handoffReply, offlineReply, type OfflineReply } from "@/lib/ai/offline/reply";
import type { ReplyExplanation } from "@/lib/ai/reply-explanation";
import { emptyUsage } from "@/lib/ai/openai/usage";
import type { AssistantContext } from "./context";
import type { Generated } from "./engine";
import { bookSlot, createCallbackTask, handOff, loadFreeSlots, type ToolOptions } from "./tools";

// The offline engine inside the assistant: its reply, and what the OpenAI path's tools would do with it — a
// call-back task, a booking, a hand-off with its own message. Only a confident answer is an answer; anything
// else hands the conversation to a person, with the candidate (when there is one) left as their draft.

export const OFFLINE_HANDOFF_REASONS: Record<NonNullable<OfflineReply["reason"]>, string> = {
  no_question: "The client's message has no question the assistant can read",
  no_match: "The answer is not in the business profile",
  not_in_profile: "What the client asks is not in the business profile",
  ambiguous: "The question fits several services; a person should pick the right one",
  other_language: "The profile's answer is in another language than the client's",
  unknown_place: "The client names a place the service area does not mention",
  unanswered_part: "Part of the question is not answered by the business profile",
  negated: "The client says what they do not want; a person should read it",
  no_slots: "The client wants to book, but there are no free slots",
  slot_unavailable: "The client picked a time that is not free",
};

export const dialogOf = (ctx: AssistantContext) =>
  ctx.history.flatMap((m) =>
    m.text
      ? [{ direction: m.direction, text: m.text, answered: m.direction === "in" && Boolean(m.aiProcessedAt) }]
      : [],
  );

/** Today's date in the organisation's time zone (YYYY-MM-DD). */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

function explain(reply: OfflineReply, tools: string[], decision?: ReplyExplanation["decision"]): ReplyExplanation {
  return {
    engine: "offline",
    intent: reply.intent,
    confidence: reply.confidence,
    decision: decision ?? (reply.kind === "answer" ? "answered" : reply.kind === "handoff" ? "withheld" : "action"),
    fact: reply.fact ? { type: reply.fact.type, text: reply.fact.text.slice(0, 1000) } : null,
    reason: reply.reason,
    tools,
    ...(reply.offeredSlots?.length ? { offeredSlots: reply.offeredSlots } : {}),
  };
}

export async function offlineGenerate(ctx: AssistantContext, options: ToolOptions): Promise<Generated> {
  const started = performance.now();
  const usage = { ...emptyUsage(""), attempts: 1 };
  const profile = ctx.settings.profile;
  const slots = await loadFreeSlots(ctx);
  const lastOut = ctx.history.findLast((m) => m.direction === "out");
  const dialog = dialogOf(ctx);
  const reply = offlineReply(profile, dialog, {
    slots: slots.map((s) => s.label),
    today: todayIn(ctx.settings.availability.timezone),
    contactPhone: ctx.contactPhone,
    offeredSlots: lastOut?.aiExplanation?.offeredSlots,
  });
  usage.latencyMs = Math.round(performance.now() - started);
  const base = { engine: "offline" as const, usage, draft: null };
  const lastIn = ctx.history.findLast((m) => m.direction === "in");

  if (reply.kind === "callback") {
    await createCallbackTask(ctx, {
      phone: reply.callback?.phone ?? null,
      preferredTime: reply.callback?.preferredTime ?? null,
      note: (lastIn?.text ?? "").slice(0, 2000),
    });
    const tools = ["request_callback"];
    return {
      ...base,
      kind: "answer",
      text: reply.text,
      reason: null,
      outcome: "ok",
      toolCalls: tools,
      explanation: explain(reply, tools),
    };
  }
  if (reply.kind === "book" && reply.slot) {
    const outcome = await bookSlot(ctx, { slot: reply.slot, note: null }, slots);
    if (outcome === "booked") {
      const tools = ["book_appointment"];
      return {
        ...base,
        kind: "answer",
        text: reply.text,
        reason: null,
        outcome: "ok",
        toolCalls: tools,
        explanation: explain(reply, tools),
      };
    }
    // Taken between reading and booking: a person offers another time.
    const withheld = handoffReply(profile, dialog, "slot_unavailable");
    const reason = OFFLINE_HANDOFF_REASONS.slot_unavailable;
    await handOff(ctx, reason, options);
    const explanation = { ...explain(reply, ["book_appointment"], "withheld"), reason: "slot_unavailable" };
    return {
      ...base,
      kind: "handoff",
      text: withheld.text,
      reason,
      outcome: "handoff",
      toolCalls: ["book_appointment"],
      explanation,
    };
  }
  if (reply.kind === "human") {
    const reason = "The client asked to talk to a person";
    await handOff(ctx, reason, options);
    const tools = ["hand_off"];
    return {
      ...base,
      kind: "handoff",
      text: reply.text,
      reason,
      outcome: "handoff",
      toolCalls: tools,
      explanation: explain(reply, tools),
    };
  }
  if (reply.kind === "answer") {
    return {
      ...base,
      kind: "answer",
      text: reply.text,
      reason: null,
      outcome: "ok",
      toolCalls: [],
      explanation: explain(reply, []),
    };
  }
  const reason = !profile
    ? "No business profile is set up, so the assistant cannot answer"
    : OFFLINE_HANDOFF_REASONS[reply.reason ?? "no_match"];
  await handOff(ctx, reason, options);
  return {
    ...base,
    kind: "handoff",
    text: reply.text,
    draft: reply.draft,
    reason,
    outcome: "handoff",
    toolCalls: [],
    explanation: explain(reply, []),
  };
}
