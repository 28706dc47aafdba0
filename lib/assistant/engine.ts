import { handoffReply } from "@/lib/ai/offline/reply";
import { isOpenAIConfigured } from "@/lib/ai/openai/client";
import { isQuotaExhausted } from "@/lib/ai/openai/quota";
import { clearQuotaExhausted, markQuotaExhausted } from "@/lib/ai/provider-status";
import { replyWithTools, ReplyFailedError } from "@/lib/ai/openai/reply";
import { emptyUsage, type AIUsage } from "@/lib/ai/openai/usage";
import type { ReplyExplanation } from "@/lib/ai/reply-explanation";
import { env } from "@/lib/env";
import { turnsOf, type AssistantContext } from "./context";
import { dialogOf, offlineGenerate } from "./offline-engine";
import { handOff, loadFreeSlots, toolRunner, type ToolEffects, type ToolOptions } from "./tools";

// One answer to the client's latest message(s): OpenAI with tools when a key is configured, else the offline
// engine's template answers from the business profile. Either way, what cannot be answered from the profile
// is handed to a human rather than invented.

export type Engine = "openai" | "offline";
export const currentEngine = (): Engine => (isOpenAIConfigured() ? "openai" : "offline");

export type Generated = {
  /** answer: the text answers the client; handoff: the text tells them a person will answer. */
  kind: "answer" | "handoff";
  text: string;
  engine: Engine;
  usage: AIUsage;
  /** Why a person must take over (kind handoff). */
  reason: string | null;
  /** malformed: the model failed twice and the conversation was handed off. */
  outcome: "ok" | "handoff" | "malformed";
  toolCalls: string[];
  /** Why it said this (kept with the AI message or draft); null when there is nothing to explain. */
  explanation: ReplyExplanation | null;
  /** kind handoff: the answer the engine was not sure enough to send, left as a person's draft. */
  draft: string | null;
  /** quota: OpenAI's quota is exhausted and the offline engine answered instead; the caller keeps it as a draft. */
  fallback?: "quota";
};

const modelExplanation = (kind: Generated["kind"], tools: string[], reason: string | null): ReplyExplanation => ({
  engine: "openai",
  intent: "model",
  confidence: null,
  decision: kind === "handoff" ? "withheld" : tools.length ? "action" : "answered",
  fact: null,
  reason: reason ? "model_handoff" : null,
  tools: tools.slice(0, 10),
});

const withheld = (engine: Engine, reason: string): ReplyExplanation => ({
  engine,
  intent: null,
  confidence: null,
  decision: "withheld",
  fact: null,
  reason,
  tools: [],
});

/** The offline engine's hand-off sentence, in the client's language (with the working hours it knows). */
function handoffText(ctx: AssistantContext): string {
  return handoffReply(ctx.settings.profile, dialogOf(ctx), "no_match").text;
}

async function openai(ctx: AssistantContext, options: ToolOptions): Promise<Generated> {
  const slots = await loadFreeSlots(ctx);
  const effects: ToolEffects = { handoff: null, calls: [] };
  const model = ctx.settings.model ?? env().OPENAI_MODEL;
  try {
    const result = await replyWithTools({
      profile: ctx.settings.profile,
      history: turnsOf(ctx.history),
      freeSlots: slots.map((s) => s.label),
      model,
      runTool: toolRunner(ctx, slots, effects, options),
      signal: ctx.job?.signal,
    });
    await clearQuotaExhausted(ctx.orgId);
    const text = result.kind === "text" ? result.text : result.text?.trim();
    if (!text) {
      // Still calling tools after the last round: a person finishes what the model could not.
      const reason = "The assistant kept calling tools without answering";
      await handOff(ctx, reason, options);
      const base = { engine: "openai" as const, usage: result.usage, toolCalls: effects.calls, draft: null };
      const explanation = modelExplanation("handoff", effects.calls, reason);
      return { ...base, kind: "handoff", text: handoffText(ctx), reason, outcome: "handoff", explanation };
    }
    const handoff = effects.handoff;
    return {
      kind: handoff ? "handoff" : "answer",
      text,
      engine: "openai",
      usage: result.usage,
      reason: handoff?.reason ?? null,
      outcome: handoff ? "handoff" : "ok",
      toolCalls: effects.calls,
      explanation: modelExplanation(handoff ? "handoff" : "answer", effects.calls, handoff?.reason ?? null),
      draft: null,
    };
  } catch (error) {
    if (isQuotaExhausted(error)) {
      // Permanent until billing changes: not retried; the offline engine drafts, a person sends.
      await markQuotaExhausted(ctx.orgId, error instanceof Error ? error.message : String(error));
      return { ...(await offlineGenerate(ctx, options)), fallback: "quota" };
    }
    if (!(error instanceof ReplyFailedError)) throw error;
    const reason = `The assistant could not produce a usable answer (${error.reason})`;
    await handOff(ctx, reason, options);
    return {
      kind: "handoff",
      text: handoffText(ctx),
      engine: "openai",
      usage: error.usage,
      reason,
      outcome: "malformed",
      toolCalls: effects.calls,
      explanation: modelExplanation("handoff", effects.calls, reason),
      draft: null,
    };
  }
}

/** The provider kept failing: the client is told a person will answer, and the conversation is handed off. */
export async function providerDown(ctx: AssistantContext, detail: string, options: ToolOptions): Promise<Generated> {
  const reason = `The AI provider is failing: ${detail}`.slice(0, 1000);
  await handOff(ctx, reason, options);
  const usage = { ...emptyUsage(""), attempts: 0 };
  return {
    kind: "handoff",
    text: handoffText(ctx),
    engine: currentEngine(),
    usage,
    reason,
    outcome: "handoff",
    toolCalls: [],
    explanation: withheld(currentEngine(), "provider_down"),
    draft: null,
  };
}

/** Throws only for a provider failure (429 after retries, timeout, 5xx): the job tries again later. */
export async function generateReply(ctx: AssistantContext, options: ToolOptions = {}): Promise<Generated> {
  const engine = currentEngine();
  const lastIn = ctx.history.findLast((m) => m.direction === "in");
  if (lastIn && !lastIn.text) {
    // A photo, sticker or untranscribed voice note: answering would answer an earlier message instead.
    const reason = "The client's last message has no words the assistant can read (media without text)";
    await handOff(ctx, reason, options);
    const usage = { ...emptyUsage(""), attempts: 0 };
    const base = { engine, usage, toolCalls: [], explanation: withheld(engine, "no_text"), draft: null };
    return { ...base, kind: "handoff", text: handoffText(ctx), reason, outcome: "handoff" };
  }
  return engine === "openai" ? openai(ctx, options) : offlineGenerate(ctx, options);
}
