import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Retell from "retell-sdk";

// Retell AI as ../shared/wire/retell.md describes it: POST /v2/create-phone-call (Bearer API key, JSON) answers
// the call object (call_status "registered"); GET /get-agent/{id} an agent. Webhooks are signed with the SDK's
// own Retell.sign over the compact JSON body, as Retell does.

export type RetellFake = Awaited<ReturnType<typeof startRetellFake>>;

export async function startRetellFake(opts: { apiKey: string; agentId: string }) {
  const created: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      };
      if (req.headers.authorization !== `Bearer ${opts.apiKey}`)
        return json(401, { status: "error", message: "Unauthorized" });
      const url = new URL(req.url ?? "/", "http://retell");
      if (req.method === "POST" && url.pathname === "/v2/create-phone-call") {
        const input = JSON.parse(body || "{}") as Record<string, unknown>;
        if (!input.from_number || !input.to_number)
          return json(400, { status: "error", message: "from_number and to_number are required" });
        created.push(input);
        return json(201, {
          call_id: `call_${randomBytes(14).toString("hex")}`,
          agent_id: input.override_agent_id ?? opts.agentId,
          agent_version: 1,
          call_status: "registered",
          call_type: "phone_call",
          direction: "outbound",
          from_number: input.from_number,
          to_number: input.to_number,
          metadata: input.metadata ?? null,
        });
      }
      if (req.method === "GET" && url.pathname === `/get-agent/${opts.agentId}`)
        return json(200, { agent_id: opts.agentId, agent_name: "Aria", version: 1 });
      json(404, { status: "error", message: "Not found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    created,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A webhook as Retell sends it: compact JSON, x-retell-signature from the SDK's own signer. */
export async function retellWebhook(apiKey: string, event: string, call: Record<string, unknown>, key = apiKey) {
  const body = JSON.stringify({ event, call });
  return { body, headers: { "content-type": "application/json", "x-retell-signature": await Retell.sign(body, key) } };
}

/** A finished inbound AI call in the shape of the wire notes' call_analyzed example. */
export function retellCall(o: { callId: string; agentId: string; from: string; to: string; analysis?: boolean }) {
  const start = Date.now() - 90_000;
  return {
    call_type: "phone_call",
    call_id: o.callId,
    agent_id: o.agentId,
    agent_version: 5,
    call_status: "ended",
    direction: "inbound",
    from_number: o.from,
    to_number: o.to,
    start_timestamp: start,
    end_timestamp: start + 87_970,
    duration_ms: 87_970,
    disconnection_reason: "user_hangup",
    transcript:
      "Agent: Здравствуйте! Это Ария из студии «Север». Чем могу помочь?\nUser: Хотим сайт для клиники, бюджет 300 тысяч, запуск через месяц.\nAgent: Отлично, запишу вас на консультацию.\nUser: Да, давайте завтра в 11.\n",
    transcript_object: [
      {
        role: "agent",
        content: "Здравствуйте! Это Ария из студии «Север». Чем могу помочь?",
        words: [{ word: "Здравствуйте!", start: 0.4, end: 1.1 }],
      },
      { role: "user", content: "Хотим сайт для клиники, бюджет 300 тысяч, запуск через месяц.", words: [] },
      { role: "agent", content: "Отлично, запишу вас на консультацию.", words: [] },
      { role: "user", content: "Да, давайте завтра в 11.", words: [] },
    ],
    recording_url: "https://dxc03zgurdly9.cloudfront.net/5d196f0e/recording.wav",
    ...(o.analysis
      ? {
          call_analysis: {
            call_summary: "The clinic wants a website, budget 300k, consultation booked for tomorrow 11:00.",
            in_voicemail: false,
            user_sentiment: "Positive",
            call_successful: true,
            custom_analysis_data: {},
          },
        }
      : {}),
  };
}
