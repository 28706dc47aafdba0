import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { AmiReader, formatMessage, header, headers, type AmiMessage } from "@/lib/telephony/ami/protocol";
import { channelPeer } from "@/lib/telephony/ami/mapping";
import { recordingUrlFor } from "@/lib/telephony/ami/settings";

// The AMI reader on the real captures: framing with bare LF (as the captures were saved), the banner, chunks
// split anywhere, an old server's `Response: Follows` text with empty lines, repeated keys.

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/wire/asterisk");
const read = (text: string, chunk = text.length) => {
  const out: AmiMessage[] = [];
  const reader = new AmiReader((m) => out.push(m));
  for (let i = 0; i < text.length; i += chunk) reader.push(text.slice(i, i + chunk));
  return { out, reader };
};

it("reads the answered-call capture into its 23 events, however the bytes are split, CRLF or LF", () => {
  const raw = readFileSync(path.join(FIXTURES, "ami_answered_outbound.sweeney-asterisk-mqtt.raw"), "utf8");
  const whole = read(`Asterisk Call Manager/13.0.0\r\n${raw.replace(/\n/g, "\r\n")}`);
  expect(whole.reader.banner).toBe("Asterisk Call Manager/13.0.0");
  expect(whole.out.map((m) => header(m, "Event"))).toHaveLength(23);
  const split = read(`Asterisk Call Manager/13.0.0\n${raw}`, 7);
  expect(split.out.map((m) => header(m, "event"))).toEqual(whole.out.map((m) => header(m, "Event")));
  const dial = split.out.find((m) => header(m, "Event") === "DialBegin")!;
  expect(header(dial, "destuniqueid")).toBe("1770888509.41");
  expect(header(dial, "Linkedid")).toBe("1770888509.40");
});

it("keeps an old server's Response: Follows text (with empty lines) in one message, and reads Pong", () => {
  const raw = readFileSync(
    path.join(FIXTURES, "ami_stream_asterisk11_freepbx_queue.asterisk-ami-events-stream-test.dump"),
    "utf8",
  );
  const { out } = read(raw, 5);
  const follows = out.find((m) => header(m, "Response") === "Follows")!;
  expect(follows.body.join("\n")).toContain("first extended response, row 3");
  expect(out.filter((m) => header(m, "Event") === "Hangup").length).toBeGreaterThan(0);
  expect(out.some((m) => header(m, "Response") === "Success" && header(m, "Value") === "1254")).toBe(true);
});

it("writes actions with CRLF, keeps repeated keys, and refuses a value that would inject a line", () => {
  const text = formatMessage([
    ["Action", "Originate"],
    ["Variable", "A=1"],
    ["Variable", "B=2"],
  ]);
  expect(text).toBe("Action: Originate\r\nVariable: A=1\r\nVariable: B=2\r\n\r\n");
  const [m] = read(text).out;
  expect(headers(m, "variable")).toEqual(["A=1", "B=2"]);
  expect(() => formatMessage([["Exten", "101\r\nAction: Command"]])).toThrow(/line break/);
});

it("names the phone behind a channel and builds the recording URL from the pattern", () => {
  expect(channelPeer("PJSIP/101-0000001a")).toBe("101");
  expect(channelPeer("SIP/toOurAster-00000a1b")).toBe("toOurAster");
  expect(channelPeer("Local/183@from-queue-002e58e1;2")).toBe("183");
  const pattern = "https://pbx.example.com/monitor/{yyyy}/{mm}/{dd}/{file}";
  expect(recordingUrlFor(pattern, "in-200-79161234567-20260212-103036-1770888509.40.wav")).toBe(
    "https://pbx.example.com/monitor/2026/02/12/in-200-79161234567-20260212-103036-1770888509.40.wav",
  );
  expect(recordingUrlFor(pattern, "a b.wav", "2026-03-01 09:00:00")).toBe(
    "https://pbx.example.com/monitor/2026/03/01/a%20b.wav",
  );
  expect(recordingUrlFor(null, "x.wav")).toBeNull();
});
