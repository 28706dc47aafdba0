import { randomUUID } from "node:crypto";
import type { DialogAnalysis } from "@/lib/ai/analysis-schema";
import { asService } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { messagesText, type FakeAnswer, type RecordedRequest } from "../fakes/openai";
import type { Person } from "./inbox";

export const OPENAI_KEY = "sk-test-dialogs-0123456789";

/** Points lib/ai at the fake (or, with no url, leaves no key so the offline engine is used). */
export function useOpenAI(url: string | undefined) {
  if (url) {
    process.env.OPENAI_API_KEY = OPENAI_KEY;
    process.env.OPENAI_BASE_URL = url;
  } else {
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_BASE_URL;
  }
  resetEnvCache();
}

export async function orgOf(person: Person): Promise<string> {
  const [row] = await asService((sql) =>
    sql.query<{ org_id: string }>("select org_id from public.memberships where user_id = $1", [person.userId]),
  );
  return row.org_id;
}

export async function seedChannel(orgId: string, type = "telegram", name = "Sales bot"): Promise<string> {
  const [row] = await asService((sql) =>
    sql.query<{ id: string }>(
      "insert into public.channels (org_id, type, name, config) values ($1, $2, $3, $4::jsonb) returning id",
      [orgId, type, name, JSON.stringify(type === "evolution" ? { instanceName: name } : {})],
    ),
  );
  return row.id;
}

export type SeedLine = { direction: "in" | "out"; text: string | null; transcript?: string; type?: string };

/** A contact with one conversation on the channel holding these messages, a second apart, oldest first. */
export async function seedDialog(
  orgId: string,
  channelId: string,
  name: string,
  lines: SeedLine[],
  opts: { phone?: string; contactId?: string } = {},
): Promise<{ contactId: string; conversationId: string }> {
  return asService(async (sql) => {
    const contactId =
      opts.contactId ??
      (
        await sql.query<{ id: string }>(
          "insert into public.contacts (org_id, name, phone) values ($1, $2, $3) returning id",
          [orgId, name, opts.phone ?? null],
        )
      )[0].id;
    const [conv] = await sql.query<{ id: string }>(
      `insert into public.conversations (org_id, channel_id, contact_id, thread_id) values ($1, $2, $3, $4)
       returning id`,
      [orgId, channelId, contactId, randomUUID()],
    );
    await appendMessages(sql, orgId, channelId, conv.id, lines);
    return { contactId, conversationId: conv.id };
  });
}

type Sql = Parameters<Parameters<typeof asService>[0]>[0];

export async function appendMessages(
  sql: Sql,
  orgId: string,
  channelId: string,
  conversationId: string,
  lines: SeedLine[],
) {
  const base = Date.now() - 3_600_000;
  const [{ n }] = await sql.query<{ n: number }>(
    "select count(*)::int as n from public.messages where conversation_id = $1",
    [conversationId],
  );
  for (const [i, line] of lines.entries()) {
    await sql.query(
      `insert into public.messages (org_id, conversation_id, channel_id, direction, sender_type, type, text,
         transcript, status, occurred_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        orgId,
        conversationId,
        channelId,
        line.direction,
        line.direction === "in" ? "contact" : "business",
        line.type ?? "text",
        line.text,
        line.transcript ?? null,
        line.direction === "in" ? "received" : "sent",
        new Date(base + (n + i) * 1000).toISOString(),
      ],
    );
  }
  await sql.query(`update public.conversations set last_message_at = now(), last_inbound_at = now() where id = $1`, [
    conversationId,
  ]);
}

export const addMessages = (orgId: string, channelId: string, conversationId: string, lines: SeedLine[]) =>
  asService((sql) => appendMessages(sql, orgId, channelId, conversationId, lines));

/** Seed 004's rows, as the model would answer for dialogs that name them (see `answerFor`). */
export const ANALYSES: Record<string, DialogAnalysis> = {
  // consultation_booked 40 + medicine 15 + owner 10 + budget 10 = 75: HOT (the boundary).
  clinic: {
    language: "ru",
    niche: "medicine",
    qualification: { q1: "реклама клиники", q2: "100 000 ₽", q3: "владелец", q4: "в этом месяце" },
    isOwner: true,
    budgetMentioned: true,
    budgetAmount: 100000,
    budgetCurrency: "RUB",
    budget: "100 000 ₽ в месяц",
    role: "owner",
    isSpam: false,
    funnelStage: "consultation_booked",
    summary: "Владелец стоматологии записан на консультацию.",
    nextBestAction: "Напомнить о консультации",
    evidence: {
      funnelStage: "записал вас на четверг",
      niche: "стоматология",
      isOwner: "я владелец",
      budget: "100 000 ₽ в месяц",
      role: null,
      isSpam: null,
    },
  },
  // qualified 30 + infobusiness 10 + budget 10 = 50: WARM.
  course: {
    language: "en",
    niche: "infobusiness",
    qualification: { q1: "course launch ads", q2: "$2,000", q3: null, q4: null },
    isOwner: null,
    budgetMentioned: true,
    budgetAmount: 2000,
    budgetCurrency: "USD",
    budget: "$2,000",
    role: "marketer",
    isSpam: false,
    funnelStage: "qualified",
    summary: "A marketer launching an online course.",
    nextBestAction: "Offer a consultation",
    evidence: { funnelStage: null, niche: "online course", isOwner: null, budget: "$2,000", role: null, isSpam: null },
  },
  // not_qualified 15 − targetologist 30 = −15, clamped to 0: COLD.
  target: {
    language: "ru",
    niche: "marketing",
    qualification: { q1: null, q2: null, q3: null, q4: null },
    isOwner: false,
    budgetMentioned: false,
    budgetAmount: null,
    budgetCurrency: null,
    budget: null,
    role: "targetologist",
    isSpam: false,
    funnelStage: "not_qualified",
    summary: "Таргетолог ищет подработку.",
    nextBestAction: "Вежливо закрыть диалог",
    evidence: {
      funnelStage: null,
      niche: null,
      isOwner: "я таргетолог",
      budget: null,
      role: "я таргетолог",
      isSpam: null,
    },
  },
};

/** The fake model's answer: the analysis whose key word appears in the dialog. */
export function answerFor(req: RecordedRequest): FakeAnswer | undefined {
  const text = messagesText(req);
  if (text.includes("стоматолог")) return { kind: "chat", content: ANALYSES.clinic };
  if (text.includes("course")) return { kind: "chat", content: ANALYSES.course };
  if (text.includes("таргетолог")) return { kind: "chat", content: ANALYSES.target };
  return undefined;
}

export const CLINIC: SeedLine[] = [
  { direction: "in", text: "Здравствуйте, у меня стоматология, нужна реклама" },
  { direction: "out", text: "Добрый день! Какой бюджет?" },
  { direction: "in", text: "100 000 в месяц, я владелец" },
  { direction: "in", text: null, type: "voice", transcript: "Запишите меня на консультацию в четверг" },
];
export const COURSE: SeedLine[] = [
  { direction: "in", text: "Hi, we are launching an online course" },
  { direction: "in", text: "Budget is $2,000" },
  { direction: "in", text: "I am the marketer there" },
];
export const TARGET: SeedLine[] = [
  { direction: "in", text: "Привет, я таргетолог" },
  { direction: "in", text: "Ищу клиентов" },
  { direction: "in", text: "Могу настроить рекламу" },
];

export async function leadOf(orgId: string, contactId: string) {
  const [row] = await asService((sql) =>
    sql.query<{
      id: string;
      score: number | null;
      interest_level: string | null;
      funnel_stage: string | null;
      engine: string | null;
      model: string | null;
      source: string;
      last_error: string | null;
      input_hash: string | null;
      incoming_count: number;
      name: string | null;
      need: string | null;
      qualification_complete: boolean;
      budget: string | null;
      budget_amount: string | null;
      budget_currency: string | null;
      is_spam: boolean;
      score_reasons: { rule: string; points: number; evidence?: string }[];
    }>("select * from public.leads where org_id = $1 and contact_id = $2", [orgId, contactId]),
  );
  return row;
}
