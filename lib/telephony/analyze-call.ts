import { z } from "zod";
import { loadAiSettings } from "@/lib/ai/settings";
import { asService } from "@/lib/db";
import { computeAnalysis, noteProviderState, prepareContacts, saveComputed } from "@/lib/dialogs/analyze-contact";
import { resolveEngine } from "@/lib/dialogs/engine";
import { defineJob } from "@/lib/jobs/registry";
import type { TranscriptTurn } from "./store";

// An AI call's transcript goes through the same dialog analysis and scoring as a chat (seed 004's rules): the
// client's turns are incoming lines, the agent's outgoing, after whatever the client wrote on any channel, so
// a call can make a lead hot. The lead is the contact's (source 'call' when they never wrote); the call keeps
// the score it produced.

export const analyzeCallPayload = z.object({ callId: z.uuid() });

export async function analyzeCall(orgId: string, callId: string) {
  const loaded = await asService(async (sql) => {
    const [call] = await sql.query<{
      contact_id: string | null;
      transcript: TranscriptTurn[] | null;
      started_at: Date;
    }>("select contact_id, transcript, started_at from public.calls where org_id = $1 and id = $2", [orgId, callId]);
    if (!call?.contact_id || !call.transcript?.length) return null;
    const settings = await loadAiSettings(sql, orgId);
    const engine = resolveEngine(settings);
    const prepared = (await prepareContacts(sql, orgId, [call.contact_id], { settings, engine, force: true })).get(
      call.contact_id,
    );
    return prepared ? { call, settings, engine, prepared } : null;
  });
  if (!loaded) return { analyzed: false };
  const { call, settings, engine, prepared } = loaded;
  const at = new Date(call.started_at).toISOString();
  const lines = call.transcript!.map((turn, i) => ({
    id: `${callId}:${i}`,
    direction: turn.speaker === "client" ? ("in" as const) : ("out" as const),
    text: turn.text,
    transcript: null,
    type: "text",
    occurredAt: at,
  }));
  const dialog = {
    ...prepared.dialog,
    messages: [...prepared.dialog.messages, ...lines],
    incomingCount: prepared.dialog.incomingCount + lines.filter((l) => l.direction === "in").length,
    messageCount: prepared.dialog.messageCount + lines.length,
    channelType: prepared.dialog.channelType ?? "call",
  };
  const computed = await computeAnalysis({ ...prepared, dialog, skip: false }, engine, settings);
  await asService(async (sql) => {
    await saveComputed(sql, orgId, [computed], engine);
    if (computed.kind === "analyzed")
      await sql.query("update public.calls set ai_score = $3 where org_id = $1 and id = $2", [
        orgId,
        callId,
        computed.scored.score,
      ]);
  });
  await noteProviderState(orgId, engine, [computed]);
  return { analyzed: computed.kind === "analyzed", score: computed.kind === "analyzed" ? computed.scored.score : null };
}

export const analyzeCallJob = defineJob({
  name: "telephony.analyze-call",
  schema: analyzeCallPayload,
  maxAttempts: 4,
  async run({ callId }, ctx) {
    if (!ctx.orgId) throw new Error("telephony.analyze-call needs the organisation");
    return analyzeCall(ctx.orgId, callId);
  },
});
