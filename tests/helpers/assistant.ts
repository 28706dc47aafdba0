import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect } from "vitest";
import * as settingsRoute from "@/app/api/ai/settings/route";
import * as signedMedia from "@/app/api/media/[token]/route";
import type { AiSettingsInput } from "@/lib/ai/settings";
import type { ChannelRecord } from "@/lib/channels/types";
import { asService } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { afterInbound } from "@/lib/inbox/jobs";
import { outboxSend } from "@/lib/inbox/outbox-job";
import type { AnyJob } from "@/lib/jobs";
import { startOpenAIFake, type OpenAIFake } from "../fakes/openai";
import { signedUpdate, startTelegramFake, textUpdate, type TelegramFake } from "../fakes/telegram";
import { jsonRequest, params } from "./http";
import { postWebhook, type Person } from "./inbox";

// Shared by the assistant's tests: a client writes through the real Telegram webhook, the after-inbound job
// and the outbox run as the runner would run them, and the fakes record what reached OpenAI and Telegram.

export const OPENAI_KEY = "sk-test-assistant-0123456789";
export const PUBLIC_APP_URL = "https://crm.example.com";

export function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

/**
 * A fake OpenAI and a fake Telegram for the whole file, with the app's environment pointed at them (and a public
 * APP_URL, so Telegram channels use webhooks); read them after beforeAll.
 */
export function withAssistantFakes() {
  const fakes = {} as { openai: OpenAIFake; telegram: TelegramFake };
  beforeAll(async () => {
    fakes.openai = await startOpenAIFake({ apiKey: OPENAI_KEY });
    fakes.telegram = await startTelegramFake();
    setEnv({
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: fakes.openai.url,
      TELEGRAM_API_ROOT: fakes.telegram.apiRoot,
      APP_URL: PUBLIC_APP_URL,
    });
  });
  afterAll(async () => {
    setEnv({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, TELEGRAM_API_ROOT: undefined, APP_URL: undefined });
    await Promise.all([fakes.openai.close(), fakes.telegram.close()]);
  });
  return fakes;
}

export const PROFILE = {
  company: "ПолСтрой",
  services: [{ name: "Укладка ламината", price: "от 500 ₽/м²" }],
  workingHours: "Пн–Пт 9:00–19:00",
  faq: [
    { q: "Сколько стоит укладка ламината?", a: "Укладка ламината стоит от 500 ₽ за м², материал считаем отдельно." },
    { q: "How much does laminate fitting cost?", a: "Laminate fitting costs from 500 RUB per m², materials extra." },
  ],
};

export async function putSettings(admin: Person, body: AiSettingsInput) {
  const res = await settingsRoute.PUT(jsonRequest("/api/ai/settings", { method: "PUT", token: admin.token, body }));
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

type Row = Record<string, unknown>;
export const rows = (text: string, values: unknown[] = []) => asService((sql) => sql.query<Row>(text, values));

let chatSeq = 880_000;
export const newChatId = () => ++chatSeq;

/** A client's message through the signed webhook; returns the stored message and its conversation. */
export async function clientWrites(bot: ChannelRecord, chatId: number, update: ReturnType<typeof textUpdate> | string) {
  const body = typeof update === "string" ? textUpdate(update, { chatId }) : update;
  const res = await postWebhook("telegram", bot.id, signedUpdate(bot.secrets.webhookSecret as string, body));
  expect(res.status, await res.clone().text()).toBe(200);
  const [m] = await rows(
    `select m.id, m.conversation_id from public.messages m join public.conversations c on c.id = m.conversation_id
      where c.channel_id = $1 and c.thread_id = $2 and m.direction = 'in' order by m.seq desc limit 1`,
    [bot.id, String(chatId)],
  );
  return { messageId: m.id as string, conversationId: m.conversation_id as string };
}

/** Runs the queued jobs of `job` that `where` selects, as the runner would (marking them done when asked). */
export async function runJob(job: AnyJob, where: string, values: unknown[], markDone: boolean) {
  const jobs = await rows(
    `select id, org_id, payload from public.jobs where name = $1 and ${where} order by created_at`,
    [job.name, ...values],
  );
  const results: unknown[] = [];
  for (const j of jobs) {
    const ctx = {
      jobId: j.id as string,
      orgId: j.org_id as string,
      attempt: 1,
      maxAttempts: 5,
      signal: new AbortController().signal,
      progress: async () => {},
    };
    results.push(await job.run(job.schema.parse(j.payload), ctx));
    if (markDone) await rows("update public.jobs set status = 'succeeded', finished_at = now() where id = $1", [j.id]);
  }
  return results;
}

/** Runs the after-inbound job ingest queued for this message (again, when it already ran: a retry). */
export const runAfterInbound = (messageId: string) =>
  runJob(afterInbound, "payload->>'messageId' = $2", [messageId], false);

/** Delivers every queued outbound message as the outbox job would. */
export const runOutbox = () => runJob(outboxSend, "status = 'queued'", [], true);

/**
 * Serves /api/media/<token> (signed upload links) over HTTP, so a provider fake can fetch what the outbox
 * links to, as Telegram would fetch from the public APP_URL.
 */
export async function startMediaServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const token = (req.url ?? "").split("/").pop() ?? "";
    const answer = await signedMedia.GET(jsonRequest(`/api/media/${token}`), params({ token }));
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
