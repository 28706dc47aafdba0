import { readFileSync } from "node:fs";
import { createServer, type AddressInfo, type Socket } from "node:net";
import path from "node:path";

// A PBX's Asterisk Manager Interface over TCP, as ../shared/wire/asterisk.md describes it: the banner, Login
// (a wrong secret answers `Response: Error / Message: Authentication failed`), Ping, Logoff, Originate (fields
// recorded, `Success`, then the call's events and OriginateResponse), CoreShowChannels (the channels up now,
// kept from the events played), and events played to every logged-in session. Events are the real captures in
// tests/fixtures/wire/asterisk/ (copies of ../shared/wire/fixtures/asterisk/), rewritten so the caller comes in from a trunk with a client's number (the
// captures are internal calls), written with CRLF as a real server does.

export type Block = [string, string][];

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/wire/asterisk");

/** A capture's event blocks, in order. */
export function fixtureBlocks(name: string): Block[] {
  const text = readFileSync(path.join(FIXTURES, name), "utf8");
  return text
    .split(/\r?\n\r?\n/)
    .map((b) => b.trim())
    .filter((b) => b.startsWith("Event:"))
    .map((b) =>
      b.split(/\r?\n/).map((line) => {
        const i = line.indexOf(":");
        return [line.slice(0, i), line.slice(i + 1).replace(/^ /, "")] as [string, string];
      }),
    );
}

export const get = (b: Block, key: string) => b.find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
const set = (b: Block, key: string, value: string): Block =>
  b.some(([k]) => k === key) ? b.map(([k, v]) => [k, k === key ? value : v]) : [...b, [key, value]];

export type Rewrite = {
  /** The capture's caller extension (1986) becomes this outside number on a trunk channel. */
  client?: string;
  clientName?: string;
  /** The capture's callee extensions renamed: { "21": "101" }. */
  extensions?: Record<string, string>;
  /** The capture's uniqueids' epoch (e.g. 1770888509) becomes this, so scenarios do not collide. */
  idPrefix: string;
  /** Where the caller's leg is: the caller is a manager dialling out (then client is the callee). */
  outbound?: { extension: string };
};

/** The capture with the caller from outside (or, outbound, a manager calling a client through the trunk). */
export function rewrite(blocks: Block[], r: Rewrite): Block[] {
  const exts = r.extensions ?? {};
  return blocks.map((b) =>
    b.map(([k, v]) => {
      let out = v.replace(/\b17708\d{5}\.(\d+)\b/g, `${r.idPrefix}.$1`);
      if (r.outbound) {
        // The capture's caller (1986) is the manager; its callee (21) the trunk leg to the client.
        out = out
          .replace(/^PJSIP\/1986-/, `PJSIP/${r.outbound.extension}-`)
          .replace(/^PJSIP\/21-/, "PJSIP/trunk-")
          .replace(/^21\/sip:21@.*$/, `trunk/${r.client}`);
        if (out === "1986") out = r.outbound.extension;
        if (out === "21") out = r.client ?? out;
        return [k, out] as [string, string];
      }
      out = out.replace(/^PJSIP\/1986-/, "PJSIP/trunk-");
      if (out === "1986" && r.client) out = r.client;
      if (out === "Martin" && r.clientName) out = r.clientName;
      for (const [from, to] of Object.entries(exts)) {
        out = out.replace(new RegExp(`^PJSIP/${from}-`), `PJSIP/${to}-`);
        if (out === from) out = to;
        if (k === "DialString") out = out.replace(new RegExp(`\\b${from}\\b`, "g"), to);
      }
      return [k, out] as [string, string];
    }),
  );
}

/** cdr_manager's Cdr event with FreePBX's mappings (`linkedid => LinkedID`, `recordingfile => RecordingFile`). */
export function cdrBlock(f: {
  uniqueid: string;
  linkedid: string;
  source: string;
  destination: string;
  channel: string;
  destinationChannel: string;
  disposition: "ANSWERED" | "NO ANSWER" | "BUSY" | "FAILED";
  duration: number;
  billsec: number;
  start: string;
  recordingFile?: string;
}): Block {
  return [
    ["Event", "Cdr"],
    ["Privilege", "cdr,all"],
    ["AccountCode", ""],
    ["Source", f.source],
    ["Destination", f.destination],
    ["DestinationContext", "from-internal"],
    ["CallerID", `"" <${f.source}>`],
    ["Channel", f.channel],
    ["DestinationChannel", f.destinationChannel],
    ["LastApplication", "Dial"],
    ["LastData", `PJSIP/${f.destination},30`],
    ["StartTime", f.start],
    ["AnswerTime", f.disposition === "ANSWERED" ? f.start : ""],
    ["EndTime", f.start],
    ["Duration", String(f.duration)],
    ["BillableSeconds", String(f.billsec)],
    ["Disposition", f.disposition],
    ["AMAFlags", "DOCUMENTATION"],
    ["UniqueID", f.uniqueid],
    ["UserField", ""],
    ["LinkedID", f.linkedid],
    ["RecordingFile", f.recordingFile ?? ""],
  ];
}

const wire = (b: Block) => `${b.map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\n\r\n`;

type Session = { socket: Socket; authed: boolean; events: boolean };
type Channel = Record<string, string>;

export async function startAmiFake(opts: { username: string; secret: string }) {
  const sessions = new Set<Session>();
  const originates: Record<string, string>[] = [];
  const logins: { username: string; ok: boolean }[] = [];
  const actions: string[] = [];
  const channels = new Map<string, Channel>();
  let refusing = false;
  /** What Originate does: answered by both, or the manager's phone is busy. */
  let originateResult: "answer" | "busy" = "answer";
  let originated = 0;

  const track = (b: Block) => {
    const name = get(b, "Event");
    const uid = get(b, "Uniqueid");
    if (!uid) return;
    if (name === "Newchannel")
      channels.set(uid, { ...Object.fromEntries(b.filter(([k]) => k !== "Event")), createdAt: String(Date.now()) });
    const ch = channels.get(uid);
    if (!ch) return;
    if (name === "Newstate") {
      ch.ChannelState = get(b, "ChannelState") ?? ch.ChannelState;
      ch.ChannelStateDesc = get(b, "ChannelStateDesc") ?? ch.ChannelStateDesc;
    }
    if (name === "BridgeEnter") ch.BridgeId = get(b, "BridgeUniqueid") ?? "";
    if (name === "BridgeLeave") ch.BridgeId = "";
    if (name === "Hangup") channels.delete(uid);
  };

  /** Sends events to every logged-in session (none while the PBX is unreachable) and keeps the channel table. */
  const play = (blocks: Block[]) => {
    for (const b of blocks) {
      track(b);
      for (const s of sessions) if (s.authed && s.events && !s.socket.destroyed) s.socket.write(wire(b));
    }
  };

  const answer = (s: Session, b: Block) => s.socket.write(wire(b));

  function handle(s: Session, fields: Block) {
    const action = (get(fields, "Action") ?? "").toLowerCase();
    const actionId = get(fields, "ActionID");
    const id: Block = actionId !== undefined ? [["ActionID", actionId]] : [];
    actions.push(action);
    if (action === "login") {
      const ok = get(fields, "Username") === opts.username && get(fields, "Secret") === opts.secret;
      logins.push({ username: get(fields, "Username") ?? "", ok });
      if (!ok) return answer(s, [["Response", "Error"], ...id, ["Message", "Authentication failed"]]);
      s.authed = true;
      s.events = (get(fields, "Events") ?? "on").toLowerCase() !== "off";
      return answer(s, [["Response", "Success"], ...id, ["Message", "Authentication accepted"]]);
    }
    if (!s.authed) return answer(s, [["Response", "Error"], ...id, ["Message", "Permission denied"]]);
    switch (action) {
      case "ping":
        return answer(s, [["Response", "Success"], ...id, ["Ping", "Pong"], ["Timestamp", `${Date.now() / 1000}`]]);
      case "logoff":
        answer(s, [["Response", "Goodbye"], ...id, ["Message", "Thanks for all the fish."]]);
        return void s.socket.end();
      case "coreshowchannels": {
        answer(s, [["Response", "Success"], ...id, ["EventList", "start"], ["Message", "Channels will follow"]]);
        const now = Date.now();
        for (const ch of channels.values()) {
          const secs = Math.max(0, Math.round((now - Number(ch.createdAt)) / 1000));
          answer(s, [
            ["Event", "CoreShowChannel"],
            ...id,
            ...(Object.entries(ch) as [string, string][]).filter(
              ([k]) => k !== "Privilege" && k !== "BridgeId" && k !== "createdAt",
            ),
            ["BridgeId", ch.BridgeId ?? ""],
            ["Application", "Dial"],
            ["Duration", new Date(Math.min(secs, 86_399) * 1000).toISOString().slice(11, 19)],
          ]);
        }
        return answer(s, [
          ["Event", "CoreShowChannelsComplete"],
          ...id,
          ["EventList", "Complete"],
          ["ListItems", String(channels.size)],
        ]);
      }
      case "originate": {
        originates.push(Object.fromEntries(fields));
        const channel = get(fields, "Channel");
        if (!channel || !get(fields, "Exten"))
          return answer(s, [["Response", "Error"], ...id, ["Message", "Channel not specified"]]);
        answer(s, [["Response", "Success"], ...id, ["Message", "Originate successfully queued"]]);
        const result = originateResult;
        setTimeout(() => playOriginate(fields, result), 20);
        return;
      }
      default:
        return answer(s, [["Response", "Error"], ...id, ["Message", "Invalid/unknown command"]]);
    }
  }

  /** The originated call: the manager's leg (Uniqueid = ChannelId), then the trunk leg to the client. */
  function playOriginate(fields: Block, result: "answer" | "busy") {
    const channelId = get(fields, "ChannelId") ?? `${Math.floor(Date.now() / 1000)}.1`;
    const ext = (get(fields, "Channel") ?? "").split("/")[1] ?? "";
    const client = get(fields, "Exten") ?? "";
    const response: Block = [
      ["Event", "OriginateResponse"],
      ["Privilege", "call,all"],
      ["ActionID", get(fields, "ActionID") ?? ""],
      ["Response", result === "answer" ? "Success" : "Failure"],
      ["Channel", get(fields, "Channel") ?? ""],
      ["Context", get(fields, "Context") ?? ""],
      ["Exten", client],
      ["Reason", result === "answer" ? "4" : "5"],
      ["Uniqueid", channelId],
      ["CallerIDNum", client],
      ["CallerIDName", "<unknown>"],
    ];
    if (result === "busy") return play([response]);
    const prefix = String(1790000000 + ++originated);
    // The capture's first channel (….40) is the one Originate made: its Uniqueid is the ChannelId asked for.
    const blocks = rewrite(fixtureBlocks("ami_answered_outbound.sweeney-asterisk-mqtt.raw"), {
      idPrefix: prefix,
      client,
      outbound: { extension: ext },
    }).map((b) => b.map(([k, v]) => [k, v === `${prefix}.40` ? channelId : v] as [string, string]));
    const exten = (b: Block) =>
      get(b, "Uniqueid") === channelId && get(b, "Event") === "Newchannel" ? set(b, "Exten", client) : b;
    play([...blocks.map(exten), response]);
  }

  const server = createServer((socket) => {
    if (refusing) return void socket.destroy();
    const s: Session = { socket, authed: false, events: true };
    sessions.add(s);
    socket.setEncoding("utf8");
    socket.on("close", () => sessions.delete(s));
    socket.on("error", () => undefined);
    socket.write("Asterisk Call Manager/13.0.0\r\n");
    let buffer = "";
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      let i;
      while ((i = buffer.indexOf("\r\n\r\n")) >= 0) {
        const text = buffer.slice(0, i);
        buffer = buffer.slice(i + 4);
        const fields = text.split("\r\n").map((line) => {
          const j = line.indexOf(":");
          return [line.slice(0, j), line.slice(j + 1).trim()] as [string, string];
        });
        handle(s, fields);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;

  return {
    host: "127.0.0.1",
    port,
    originates,
    logins,
    actions,
    play,
    channels: () => [...channels.values()],
    /** Logged-in sessions that receive events. */
    listeners: () => [...sessions].filter((s) => s.authed && s.events && !s.socket.destroyed).length,
    setOriginateResult: (r: "answer" | "busy") => void (originateResult = r),
    /** Forgets the channels up (between test databases). */
    clear: () => channels.clear(),
    /** The PBX goes away: every session dropped, new ones refused until reachable() again. */
    unreachable() {
      refusing = true;
      for (const s of sessions) s.socket.destroy();
    },
    reachable: () => void (refusing = false),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sessions) s.socket.destroy();
        server.close(() => r());
      }),
  };
}
export type AmiFake = Awaited<ReturnType<typeof startAmiFake>>;
