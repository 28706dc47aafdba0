import { Writable } from "node:stream";
import { GrammyError, HttpError } from "grammy";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { describeError, problemOfError, problemOfText, scrubSecrets } from "@/lib/channels/errors";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1";

/** What Node's fetch throws when the host is unknown: "fetch failed" with the DNS error as its cause. */
function fetchFailed(code: string, extra: Record<string, unknown> = {}) {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(`getaddrinfo ${code}`), { code, ...extra }) });
}

describe("provider errors a person can act on", () => {
  it("names why fetch failed: host not found, refused, timed out", () => {
    const dns = fetchFailed("ENOTFOUND", { hostname: "evo.example.invalid" });
    expect(problemOfError(dns, "evolution")).toBe("host_not_found");
    expect(describeError(dns)).toBe("fetch failed (ENOTFOUND evo.example.invalid)");
    expect(problemOfError(fetchFailed("ECONNREFUSED", { address: "127.0.0.1" }), "evolution")).toBe("refused");
    expect(problemOfError(fetchFailed("UND_ERR_CONNECT_TIMEOUT"), "evolution")).toBe("timed_out");
    const timeout = Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" });
    expect(problemOfError(timeout, "evolution")).toBe("timed_out");
    // A wrapper keeps the cause reachable.
    const wrapped = new Error(`Could not set the Evolution webhook: ${describeError(dns)}`, { cause: dns });
    expect(problemOfError(wrapped, "evolution")).toBe("host_not_found");
    expect(problemOfText(wrapped.message, "evolution")).toBe("host_not_found");
  });

  it("tells a refused token from an unreachable Telegram, through grammY's own errors", () => {
    const network = new HttpError(
      "Network request for 'getMe' failed!",
      Object.assign(new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed`), {
        code: "ECONNREFUSED",
      }),
    );
    expect(problemOfError(network, "telegram")).toBe("refused");
    expect(describeError(network)).not.toContain(TOKEN);
    const refused = new GrammyError(
      "Call to 'getMe' failed!",
      { ok: false, error_code: 401, description: "Unauthorized" },
      "getMe",
      {},
    );
    expect(problemOfError(refused, "telegram")).toBe("token_rejected");
    expect(problemOfText("invalid bot token", "telegram")).toBe("token_rejected");
    expect(problemOfText("cannot reach Telegram: read ECONNRESET", "telegram")).toBe("unreachable");
  });

  it("reads the other providers' texts", () => {
    expect(problemOfText("Evolution rejected the API key", "evolution")).toBe("credentials_rejected");
    expect(problemOfText('Evolution has no instance "sales": Not Found', "evolution")).toBe("instance_missing");
    expect(problemOfText('Instance "sales" is not connected to WhatsApp (state: close)', "evolution")).toBe(
      "instance_not_connected",
    );
    expect(problemOfText("Twilio rejected the Account SID or auth token (Twilio 20003)", "twilio_whatsapp")).toBe(
      "credentials_rejected",
    );
    expect(problemOfText('Twilio account "Acme" is suspended', "twilio_whatsapp")).toBe("account_inactive");
    expect(problemOfText("Too many requests to Twilio", "twilio_whatsapp")).toBe("rate_limited");
    expect(problemOfText("something odd", "instagram")).toBe("provider_error");
  });

  it("never lets a token out: messages and log lines are scrubbed", () => {
    expect(scrubSecrets(`GET https://api.telegram.org/bot${TOKEN}/getMe`)).toBe(
      "GET https://api.telegram.org/bot<token>/getMe",
    );
    expect(scrubSecrets(`token ${TOKEN} refused`)).toBe("token <token> refused");
    expect(scrubSecrets("Authorization: Bearer EAAGm0PX4ZCpsBAKZC1234567890")).toBe("Authorization: Bearer <token>");
    expect(scrubSecrets("https://graph.example/v23.0/me?access_token=EAAG123&fields=id")).toBe(
      "https://graph.example/v23.0/me?access_token=<secret>&fields=id",
    );
    expect(scrubSecrets("+79035551234 wrote at 12:30")).toBe("+79035551234 wrote at 12:30");
  });

  it("the app's logger scrubs what anyone logs", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { logOptions } = await import("@/lib/log");
    // lib/log.ts's own options, writing to a sink we can read instead of stdout.
    const log = pino({ ...logOptions, level: "info" }, sink);
    log.warn({ err: new Error(`https://api.telegram.org/bot${TOKEN}/sendMessage failed`) }, "send failed");
    expect(lines.join("")).toContain("bot<token>");
    expect(lines.join("")).not.toContain(TOKEN);
  });
});
