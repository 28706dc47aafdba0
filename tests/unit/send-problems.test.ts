import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import { PROBLEM_CODES } from "@/lib/channels/errors";
import { EvolutionHttpError, toSendError as evolutionSendError } from "@/lib/channels/evolution/client";
import { GraphError, toSendError as graphSendError } from "@/lib/channels/meta/graph";
import { SEND_PROBLEM_CODES, sendProblemKey, sendProblemOf, type SendProblem } from "@/lib/channels/send-problems";
import { toSendError as telegramSendError } from "@/lib/channels/telegram/errors";
import { toTwilioSendError } from "@/lib/channels/twilio/errors";
import { describeTwilioCode } from "@/lib/channels/twilio/errors";
import type { ChannelType } from "@/lib/channels/types";

/** What the outbox stores for a failed send: the adapter's error code and message (outbox-job.ts). */
const stored = (error: Error) => ({ code: (error as { code?: string }).code ?? null, message: error.message });
const tgError = (error_code: number, description: string) =>
  telegramSendError(
    new GrammyError(`Call to 'sendMessage' failed!`, { ok: false, error_code, description }, "sendMessage", {}),
  );
const twilioError = (status: number, code: number, message: string) =>
  toTwilioSendError(Object.assign(new Error(message), { status, code }));
const graph = (status: number, code: number, message: string) => graphSendError(new GraphError(message, status, code));

describe("send failures in the thread: what happened, from what the outbox stored", () => {
  it("Telegram: blocked, unknown chat, too long, a revoked token, unreachable", () => {
    const of = (e: Error) => sendProblemOf("telegram", stored(e));
    expect(of(tgError(403, "Forbidden: bot was blocked by the user"))).toBe("recipient_blocked");
    expect(of(tgError(400, "Bad Request: chat not found"))).toBe("recipient_not_found");
    expect(of(tgError(400, "Bad Request: message is too long"))).toBe("message_too_long");
    expect(of(tgError(401, "Unauthorized"))).toBe("token_rejected");
    expect(of(tgError(429, "Too Many Requests: retry after 5"))).toBe("rate_limited");
    const offline = new HttpError(
      "Network request for 'sendMessage' failed!",
      Object.assign(new Error("request to https://api.telegram.org/bot1:x/sendMessage failed"), {
        code: "ECONNREFUSED",
      }),
    );
    expect(of(telegramSendError(offline))).toBe("refused");
    // A 400 nobody listed is about this message, not the channel's settings.
    expect(of(tgError(400, "Bad Request: can't parse entities"))).toBe("not_delivered");
  });

  it("Twilio: codes from the API and from status callbacks that carry no text", () => {
    const of = (e: { code: string | null; message: string }) => sendProblemOf("twilio_whatsapp", e);
    expect(of(stored(twilioError(400, 63016, "Failed to send freeform message outside the window")))).toBe(
      "window_closed",
    );
    expect(of(stored(twilioError(400, 21211, "Invalid 'To' Phone Number")))).toBe("recipient_not_found");
    expect(of(stored(twilioError(401, 20003, "Authenticate")))).toBe("credentials_rejected");
    expect(of({ code: "63003", message: describeTwilioCode("63003") })).toBe("not_on_whatsapp");
    expect(of({ code: "30007", message: describeTwilioCode("30007") })).toBe("carrier_filtered");
    expect(of({ code: "21610", message: describeTwilioCode("21610") })).toBe("opted_out");
  });

  it("WhatsApp Cloud and Instagram: Graph codes and the window named in words", () => {
    expect(sendProblemOf("whatsapp_cloud", stored(graph(400, 131047, "Re-engagement message")))).toBe("window_closed");
    expect(sendProblemOf("whatsapp_cloud", stored(graph(400, 132001, "Template name does not exist")))).toBe(
      "template_problem",
    );
    expect(sendProblemOf("whatsapp_cloud", stored(graph(401, 190, "Error validating access token")))).toBe(
      "credentials_rejected",
    );
    expect(sendProblemOf("instagram", stored(graph(400, 10, "This message is sent outside of allowed window.")))).toBe(
      "window_closed",
    );
  });

  it("Evolution, and the outbox's own reasons", () => {
    const evo = (status: number, message: string) =>
      sendProblemOf("evolution", stored(evolutionSendError(new EvolutionHttpError(status, message))));
    expect(evo(400, "5511999999999 is not on WhatsApp")).toBe("not_on_whatsapp");
    expect(evo(401, "Unauthorized")).toBe("credentials_rejected");
    expect(sendProblemOf("evolution", stored(evolutionSendError(new TypeError("fetch failed"))))).toBe("unreachable");
    expect(sendProblemOf("telegram", { code: "channel_disabled", message: "the channel is disabled" })).toBe(
      "channel_disabled",
    );
    expect(sendProblemOf("whatsapp_cloud", { code: "opted_out", message: "the contact opted out" })).toBe("opted_out");
    expect(
      sendProblemOf("twilio_whatsapp", {
        code: null,
        message: "template order_ready has no Twilio Content SID: sync this channel's templates",
      }),
    ).toBe("template_problem");
  });

  it("every problem a message can show has a what-happened and a what-to-do in English and Russian", () => {
    const all: SendProblem[] = [...SEND_PROBLEM_CODES, ...PROBLEM_CODES];
    const lookup = (messages: unknown, key: string) =>
      key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    for (const code of all) {
      for (const messages of [en.channelProblems, ru.channelProblems]) {
        const entry = lookup(messages, sendProblemKey(code)) as { title?: string; action?: string } | undefined;
        expect(entry?.title, code).toBeTruthy();
        expect(entry?.action, code).toBeTruthy();
      }
    }
    // Russian says it in Russian (the provider's name aside).
    for (const code of SEND_PROBLEM_CODES) {
      const { title } = ru.channelProblems.send[code];
      expect(title.replace(/\{provider\}|WhatsApp/g, ""), code).toMatch(/[а-яё]/i);
    }
    const types: ChannelType[] = ["telegram", "twilio_whatsapp", "whatsapp_cloud", "instagram", "evolution"];
    for (const type of types) expect(sendProblemOf(type, { code: "999999", message: "" })).toBe("not_delivered");
  });
});
