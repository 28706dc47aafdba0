import type OpenAI from "openai";
import { zodFunction } from "openai/helpers/zod";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { z } from "zod";
import { env } from "@/lib/env";
import { openAIClient } from "./client";
import { addUsage, emptyUsage, MalformedAnswerError, malformedReason, withOneRetry, type AIUsage } from "./usage";

// Strict function calling: every field required, unknown ones null (never optional).
export const upsertLeadArgs = z.object({
  name: z.string().nullable().describe("The client's name, or null if not given"),
  phone: z.string().nullable().describe("Phone number as the client wrote it, or null"),
  need: z.string().nullable().describe("What the client wants, in a few words, or null"),
  budget: z.string().nullable().describe("The budget as the client said it, or null"),
});
export const requestCallbackArgs = z.object({
  phone: z.string().nullable().describe("Number to call, or null to use the one on file"),
  preferredTime: z.string().nullable().describe("When the client wants the call, as they said it, or null"),
  note: z.string().describe("What the call is about, for the manager"),
});
export const handOffArgs = z.object({
  reason: z.string().describe("Why a human must take over, for the manager"),
});
const bookAppointmentArgs = (slots: readonly [string, ...string[]]) =>
  z.object({
    slot: z.enum(slots).describe("One of the free slots, exactly as listed"),
    note: z.string().nullable().describe("Anything the client added, or null"),
  });

export type ToolCall =
  | { name: "upsert_lead"; arguments: z.infer<typeof upsertLeadArgs> }
  | { name: "request_callback"; arguments: z.infer<typeof requestCallbackArgs> }
  | { name: "book_appointment"; arguments: { slot: string; note: string | null } }
  | { name: "hand_off"; arguments: z.infer<typeof handOffArgs> };

/** Runs one tool call and says, for the model, what happened (e.g. "booked", "that slot is taken"). */
export type ToolRunner = (call: ToolCall) => Promise<string>;

/** Tool rounds before the model must answer in text: call tools, read their results, call again, answer. */
export const MAX_TOOL_ROUNDS = 3;

export type ReplyResult =
  | { kind: "text"; text: string; usage: AIUsage; executed?: ToolCall[] }
  /** `text` is what the model said beside the calls, if anything. */
  | { kind: "tools"; calls: ToolCall[]; text: string | null; usage: AIUsage };

export type ReplyTurn = { role: "client" | "business"; text: string };

export type ReplyInput = {
  /** The organisation's business profile (company, services, prices, hours, FAQ, tone): the only facts allowed. */
  profile: unknown;
  /** The conversation so far, oldest first; the last turn is usually the client's. */
  history: ReplyTurn[];
  /** Free appointment slots (ISO or human-readable); without any, booking is not offered. */
  freeSlots?: readonly string[];
  model?: string;
  client?: OpenAI;
  signal?: AbortSignal;
  /**
   * With a runner, tool calls are executed and their results given back to the model, which then answers in
   * text (at most MAX_TOOL_ROUNDS rounds); the result lists every call executed. Without one, the first
   * round's calls are returned to the caller.
   */
  runTool?: ToolRunner;
};

/** Malformed twice (bad tool arguments, refusal, empty answer): the caller hands the conversation to a human. */
export class ReplyFailedError extends Error {
  constructor(
    readonly reason: MalformedAnswerError["reason"],
    readonly usage: AIUsage,
    options?: { cause?: unknown },
  ) {
    super(`AI reply failed after ${usage.attempts} attempts: ${reason}`, options);
    this.name = "ReplyFailedError";
  }
}

export function replySystemPrompt(profile: unknown, freeSlots: readonly string[]): string {
  return [
    "You are the assistant of the business described below, answering its clients in a messenger.",
    "Answer ONLY from the facts in the business profile. Never invent prices, services, hours or promises.",
    "If the answer is not in the profile, or you are unsure, or the client asks for a person, call hand_off.",
    "Reply in the language the client writes in (e.g. Russian to Russian), briefly and politely, in the profile's tone.",
    "When the client gives a name, phone, need or budget, call upsert_lead. When they ask to be called, call request_callback.",
    freeSlots.length
      ? `To book, call book_appointment with one of these free slots: ${freeSlots.join(", ")}.`
      : "No appointment slots are available now; offer a call-back instead.",
    "Business profile (JSON):",
    JSON.stringify(profile ?? {}),
  ].join("\n");
}

function tools(freeSlots: readonly string[]) {
  const list = [
    zodFunction({ name: "upsert_lead", parameters: upsertLeadArgs, description: "Create or update the lead" }),
    zodFunction({
      name: "request_callback",
      parameters: requestCallbackArgs,
      description: "Ask a manager to call the client back",
    }),
    zodFunction({ name: "hand_off", parameters: handOffArgs, description: "Hand the conversation to a human" }),
  ];
  const [first, ...rest] = freeSlots;
  if (first === undefined) return list;
  return [
    ...list,
    zodFunction({
      name: "book_appointment",
      parameters: bookAppointmentArgs([first, ...rest]),
      description: "Book one of the free slots",
    }),
  ];
}

/** A round's result, the assistant message to replay in the next round, and the model's id of each call. */
type Turn = { result: ReplyResult; assistant: ChatCompletionMessageParam; callIds: string[] };

/**
 * An assistant reply: either a text answer for the client or the tool calls the model chose (the SDK parses
 * and validates their arguments with the zod schemas). A malformed answer is retried once per round. With
 * `runTool`, the calls are executed and the model answers after reading their results.
 */
export async function replyWithTools(input: ReplyInput): Promise<ReplyResult> {
  const client = input.client ?? openAIClient();
  const model = input.model ?? env().OPENAI_MODEL;
  const freeSlots = input.freeSlots ?? [];
  const usage = emptyUsage(model);
  const messages: ChatCompletionMessageParam[] = [
    { role: "system", content: replySystemPrompt(input.profile, freeSlots) },
    ...input.history.map((t): ChatCompletionMessageParam => ({
      role: t.role === "client" ? "user" : "assistant",
      content: t.text,
    })),
  ];
  const executed: ToolCall[] = [];
  let latencyMs = 0;
  try {
    for (let round = 1; ; round++) {
      const { result, assistant, callIds } = await oneRound(client, model, messages, freeSlots, usage, input.signal);
      latencyMs += usage.latencyMs;
      usage.latencyMs = latencyMs;
      if (result.kind === "text") return executed.length ? { ...result, executed } : result;
      if (!input.runTool || round >= MAX_TOOL_ROUNDS) return result;
      messages.push(assistant);
      for (const [i, call] of result.calls.entries()) {
        executed.push(call);
        messages.push({ role: "tool", tool_call_id: callIds[i], content: await input.runTool(call) });
      }
    }
  } catch (err) {
    const reason = malformedReason(err);
    if (reason) throw new ReplyFailedError(reason, usage, { cause: err });
    throw err;
  }
}

async function oneRound(
  client: OpenAI,
  model: string,
  messages: ChatCompletionMessageParam[],
  freeSlots: readonly string[],
  usage: AIUsage,
  signal: AbortSignal | undefined,
): Promise<Turn> {
  return withOneRetry(usage, async (): Promise<Turn> => {
    const completion = await client.chat.completions.parse(
      { model, messages, tools: tools(freeSlots), temperature: 0.3 },
      { signal },
    );
    addUsage(usage, completion.usage, completion.model);
    const message = completion.choices[0]?.message;
    if (message?.refusal) throw new MalformedAnswerError("refused", message.refusal);
    const functionCalls = (message?.tool_calls ?? []).filter((c) => c.type === "function");
    const calls = functionCalls.map(
      (c) => ({ name: c.function.name, arguments: c.function.parsed_arguments }) as ToolCall,
    );
    if (calls.length) {
      const assistant: ChatCompletionMessageParam = {
        role: "assistant",
        content: message?.content || null,
        tool_calls: functionCalls.map((c) => ({
          id: c.id,
          type: "function",
          function: { name: c.function.name, arguments: c.function.arguments },
        })),
      };
      const callIds = functionCalls.map((c) => c.id);
      return { result: { kind: "tools", calls, text: message?.content || null, usage }, assistant, callIds };
    }
    const text = message?.content?.trim();
    if (!text) throw new MalformedAnswerError("empty", "The answer had neither text nor tool calls");
    return { result: { kind: "text", text, usage }, assistant: { role: "assistant", content: text }, callIds: [] };
  });
}
