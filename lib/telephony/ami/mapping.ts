import { normalizePhone } from "@/lib/inbox/phone";
import type { CallOutcome, CallUpdate } from "../store";
import { header, toObject, type AmiMessage } from "./protocol";

// AMI events → the store's CallUpdates (../shared/wire/asterisk.md §2 "Mapping to a CRM call"). One call is one
// Linkedid; its legs are tracked here so the call ends when its last leg hangs up, a ring group's six DialEnds
// make one missed call, and calls between two extensions are not logged. Each stored event's key names its leg,
// so an event the PBX (or a replay after reconnect) sends twice is stored once.

export type MappedUpdate = {
  update: CallUpdate;
  /** Only for a call already logged (a CDR, an Originate result, or a hang-up of a call known from a snapshot). */
  requireExisting?: boolean;
  /** The last leg's Hangup: the call is over, and its CDR (with the recording) should follow. */
  endOfCall?: { answered: boolean };
  /** A CDR: it can finish an end held for it (./cdr-wait.ts). */
  cdr?: true;
};

export type MapperConfig = {
  /** A manager's extension on this connection (telephony_extensions). */
  isExtension: (peer: string) => boolean;
  /** The CDR's recording file as a URL (the connection's pattern), or null. */
  recordingUrl: (file: string, startTime: string | undefined) => string | null;
};

type CallState = {
  legs: Set<string>;
  /** The first leg (Uniqueid = Linkedid) is a manager's phone. */
  callerInternal?: boolean;
  direction?: "inbound" | "outbound";
  clientNumber?: string | null;
  extension?: string | null;
  /** An update was emitted: the call is logged. Calls between two extensions never are. */
  started: boolean;
  internalOnly: boolean;
  answered: boolean;
  /** Seen bridged in a snapshot after a reconnect: talked, but when it was answered is not known. */
  bridgedUnseen: boolean;
  dialStatuses: string[];
  ended: boolean;
  touched: number;
};

const UNKNOWN = "<unknown>";
const value = (m: AmiMessage, k: string) => {
  const v = header(m, k)?.trim();
  return v && v !== UNKNOWN ? v : undefined;
};

/** `PJSIP/101-0000001a` → `101`; `SIP/toOurAster-…` → `toOurAster`; `Local/183@from-queue-…;1` → `183`. */
export function channelPeer(channel: string | undefined): string | undefined {
  if (!channel) return undefined;
  const m = /^[A-Za-z0-9]+\/([^@;/]+?)(?:-[0-9a-f]{6,}|@|;|$)/.exec(channel);
  return m?.[1];
}

/** The number dialled out in a DialString such as `trunk/79161234567` or `79161234567@provider`. */
function dialledNumber(dialString: string | undefined): string | undefined {
  if (!dialString) return undefined;
  const last = dialString.split("/").pop() ?? "";
  const digits = last.replace(/^sips?:/, "").split("@")[0];
  return /^\+?\d{6,15}$/.test(digits) ? digits : undefined;
}

const OUTCOME_BY_DISPOSITION: Record<string, CallOutcome> = {
  "NO ANSWER": "missed",
  BUSY: "busy",
  FAILED: "failed",
  CONGESTION: "failed",
};
// Originate's Reason is the control frame that ended the attempt (asterisk.md §3).
const OUTCOME_BY_REASON: Record<string, CallOutcome> = { "0": "failed", "1": "missed", "3": "missed", "5": "busy" };

export class AmiCallMapper {
  private readonly calls = new Map<string, CallState>();
  private readonly legToCall = new Map<string, string>();

  constructor(private readonly config: MapperConfig) {}

  private isInternal(peer: string | undefined) {
    return !!peer && (this.config.isExtension(peer) || /^\d{2,5}$/.test(peer));
  }

  private state(linkedid: string): CallState {
    let s = this.calls.get(linkedid);
    if (!s) {
      s = {
        legs: new Set(),
        started: false,
        internalOnly: false,
        answered: false,
        bridgedUnseen: false,
        dialStatuses: [],
        ended: false,
        touched: Date.now(),
      };
      this.calls.set(linkedid, s);
    }
    s.touched = Date.now();
    return s;
  }

  private addLeg(linkedid: string, uniqueid: string | undefined) {
    if (!uniqueid) return;
    this.state(linkedid).legs.add(uniqueid);
    this.legToCall.set(uniqueid, linkedid);
  }

  /** Calls currently open here (for reconciling after a reconnect). */
  openCalls(): string[] {
    return [...this.calls].filter(([, s]) => s.started && !s.ended).map(([id]) => id);
  }

  /** Forgets a call (ended, or marked unknown after a reconnect). */
  forget(linkedid: string) {
    const s = this.calls.get(linkedid);
    if (!s) return;
    for (const leg of s.legs) this.legToCall.delete(leg);
    this.calls.delete(linkedid);
  }

  /** Drops the legs of every call: after a reconnect, the snapshot (CoreShowChannels) says which are still up. */
  resetLegs() {
    for (const s of this.calls.values()) s.legs.clear();
    this.legToCall.clear();
    // Memory is bounded: calls quiet for a day are forgotten.
    const old = Date.now() - 24 * 3600 * 1000;
    for (const [id, s] of this.calls) if (s.touched < old) this.calls.delete(id);
  }

  /** The first leg's snapshot decides direction and client: an outside caller, or a manager dialling out. */
  private classify(s: CallState, e: AmiMessage) {
    if (s.callerInternal !== undefined) return;
    s.callerInternal = this.isInternal(channelPeer(value(e, "Channel")));
    if (!s.callerInternal) {
      s.direction = "inbound";
      s.clientNumber = value(e, "CallerIDNum") ?? null;
    } else {
      s.extension = channelPeer(value(e, "Channel")) ?? null;
      const exten = value(e, "Exten");
      if (exten && !this.isInternal(exten) && normalizePhone(exten)) {
        s.direction = "outbound";
        s.clientNumber = exten;
      }
    }
  }

  private update(linkedid: string, s: CallState, e: AmiMessage, at: Date, fields: Partial<CallUpdate>): CallUpdate {
    s.started = true;
    return {
      providerCallId: linkedid,
      eventKey: "",
      raw: toObject(e),
      at,
      phase: "ringing",
      direction: s.direction,
      clientPhone: s.clientNumber ?? null,
      ...fields,
    };
  }

  /** The update an event makes, or null for the events a call log ignores. */
  map(e: AmiMessage, at: Date): MappedUpdate | null {
    const name = header(e, "Event") ?? "";
    const uniqueid = value(e, "Uniqueid");
    const linkedid = value(e, "Linkedid") ?? (uniqueid ? this.legToCall.get(uniqueid) : undefined);
    switch (name) {
      case "Newchannel": {
        if (!linkedid || !uniqueid) return null;
        const s = this.state(linkedid);
        this.addLeg(linkedid, uniqueid);
        if (uniqueid !== linkedid || s.started) return null;
        this.classify(s, e);
        if (!s.direction) return null;
        return {
          update: this.update(linkedid, s, e, at, {
            eventKey: `Newchannel:${uniqueid}`,
            startedAt: at,
            extension: s.direction === "outbound" ? s.extension : null,
            from: value(e, "CallerIDNum") ?? null,
            to: value(e, "Exten") ?? null,
          }),
        };
      }
      case "DialBegin": {
        if (!linkedid) return null;
        const s = this.state(linkedid);
        const dest = value(e, "DestUniqueid");
        this.addLeg(linkedid, dest);
        if (uniqueid === linkedid) this.classify(s, e);
        const destPeer = channelPeer(value(e, "DestChannel"));
        const destInternal = this.isInternal(destPeer);
        if (s.callerInternal && !s.direction) {
          if (destInternal) {
            s.internalOnly = true;
            return null;
          }
          s.direction = "outbound";
          s.clientNumber =
            dialledNumber(value(e, "DialString")) ?? value(e, "DestCallerIDNum") ?? value(e, "DestConnectedLineNum");
        }
        if (!s.direction || s.internalOnly || s.ended) return null;
        return {
          update: this.update(linkedid, s, e, at, {
            eventKey: `DialBegin:${dest ?? uniqueid}`,
            extension: s.direction === "inbound" && destInternal ? destPeer : s.extension,
          }),
        };
      }
      case "DialEnd": {
        if (!linkedid) return null;
        const s = this.calls.get(linkedid);
        if (!s?.started || s.ended) return null;
        const status = (value(e, "DialStatus") ?? "").toUpperCase();
        const destPeer = channelPeer(value(e, "DestChannel"));
        const key = `DialEnd:${value(e, "DestUniqueid") ?? uniqueid}`;
        if (status !== "ANSWER") {
          s.dialStatuses.push(status);
          return { update: this.update(linkedid, s, e, at, { eventKey: key }) };
        }
        s.answered = true;
        return {
          update: this.update(linkedid, s, e, at, {
            eventKey: key,
            phase: "answered",
            answeredAt: at,
            extension: s.direction === "inbound" && this.isInternal(destPeer) ? destPeer : s.extension,
          }),
        };
      }
      case "BridgeEnter": {
        if (!linkedid) return null;
        const s = this.calls.get(linkedid);
        if (!s?.started || s.ended || s.answered || Number(value(e, "BridgeNumChannels") ?? 0) < 2) return null;
        s.answered = true;
        return {
          update: this.update(linkedid, s, e, at, {
            eventKey: `BridgeEnter:${value(e, "BridgeUniqueid")}:${uniqueid}`,
            phase: "answered",
            answeredAt: at,
          }),
        };
      }
      case "Hangup": {
        if (!linkedid || !uniqueid) return null;
        const s = this.calls.get(linkedid);
        if (!s) return null;
        const known = s.legs.delete(uniqueid);
        this.legToCall.delete(uniqueid);
        const last = s.legs.size === 0 && (known || uniqueid === linkedid);
        if (!last || !s.started || s.ended) {
          if (last && !s.started) this.forget(linkedid);
          return null;
        }
        s.ended = true;
        const cause = value(e, "Cause");
        let outcome: CallOutcome | null = null;
        if (!s.answered) {
          if (s.bridgedUnseen) outcome = "unknown";
          else if (s.dialStatuses.includes("BUSY") || cause === "17") outcome = "busy";
          else if (s.dialStatuses.length > 0 && s.dialStatuses.every((d) => d === "CHANUNAVAIL" || d === "CONGESTION"))
            outcome = "failed";
          else outcome = "missed";
        }
        return {
          endOfCall: { answered: s.answered },
          update: this.update(linkedid, s, e, at, {
            eventKey: `Hangup:${uniqueid}`,
            phase: "ended",
            endedAt: at,
            outcome,
          }),
        };
      }
      case "Cdr":
        return this.mapCdr(e, at);
      case "OriginateResponse": {
        const actionId = value(e, "ActionID") ?? "";
        const callId = actionId.startsWith("c2c-") ? actionId.slice(4) : value(e, "Uniqueid");
        if (!callId || /^success$/i.test(value(e, "Response") ?? "")) return null;
        const s = this.state(callId);
        s.started = true;
        s.ended = true;
        return {
          requireExisting: true,
          update: this.update(callId, s, e, at, {
            eventKey: "OriginateResponse",
            phase: "ended",
            endedAt: at,
            outcome: OUTCOME_BY_REASON[value(e, "Reason") ?? ""] ?? "failed",
          }),
        };
      }
      default:
        return null;
    }
  }

  /** cdr_manager's record: the talk time, the disposition, and the recording file (FreePBX's recordingfile). */
  private mapCdr(e: AmiMessage, at: Date): MappedUpdate | null {
    const uniqueid = value(e, "UniqueID");
    const linkedid = value(e, "LinkedID") ?? (uniqueid ? this.legToCall.get(uniqueid) : undefined) ?? uniqueid;
    if (!linkedid) return null;
    const s = this.calls.get(linkedid);
    if (s?.internalOnly) return null;
    const disposition = (value(e, "Disposition") ?? "").toUpperCase();
    const billsec = Number(value(e, "BillableSeconds") ?? "");
    const answered = disposition === "ANSWERED";
    const file = value(e, "RecordingFile") ?? value(e, "recordingfile");
    const recordingUrl = file ? this.config.recordingUrl(file, value(e, "StartTime")) : null;
    const talk = answered && Number.isFinite(billsec) && billsec >= 0 ? billsec : null;
    // A leg's record while the call goes on (a transfer, a ring group's phone that did not answer) ends nothing.
    const open = s?.started && !s.ended;
    return {
      requireExisting: true,
      cdr: true,
      update: {
        providerCallId: linkedid,
        eventKey: `Cdr:${uniqueid}:${value(e, "DestinationChannel") ?? ""}`,
        raw: toObject(e),
        at,
        phase: open ? (s.answered ? "answered" : "ringing") : "ended",
        endedAt: open ? undefined : at,
        // A CDR that is the first word of the answer (the events were missed): answered talk seconds before.
        answeredAt: talk !== null ? new Date(at.getTime() - talk * 1000) : undefined,
        durationSeconds: talk ?? undefined,
        outcome: answered || open ? null : (OUTCOME_BY_DISPOSITION[disposition] ?? "missed"),
        recordingUrl,
      },
    };
  }

  /**
   * After a (re)connect: CoreShowChannel events, the channels up now. Their legs are tracked again; a call
   * that began while we were away is logged from its first leg, started Duration ago.
   */
  seed(channels: AmiMessage[], now: Date): MappedUpdate[] {
    const out: MappedUpdate[] = [];
    const groups = new Map<string, AmiMessage[]>();
    for (const c of channels) {
      const linkedid = value(c, "Linkedid") ?? value(c, "Uniqueid");
      if (!linkedid) continue;
      groups.set(linkedid, [...(groups.get(linkedid) ?? []), c]);
    }
    for (const [linkedid, legs] of groups) {
      const s = this.state(linkedid);
      for (const leg of legs) this.addLeg(linkedid, value(leg, "Uniqueid"));
      const bridged = legs.filter((l) => value(l, "BridgeId") && value(l, "ChannelState") === "6").length >= 2;
      if (bridged && !s.answered) s.bridgedUnseen = true;
      if (s.started) continue;
      const first = legs.find((l) => value(l, "Uniqueid") === linkedid);
      if (!first) continue;
      this.classify(s, first);
      if (!s.direction && s.callerInternal) {
        const outside = legs.find((l) => !this.isInternal(channelPeer(value(l, "Channel"))));
        if (outside) {
          s.direction = "outbound";
          s.clientNumber = value(outside, "CallerIDNum") ?? value(outside, "ConnectedLineNum") ?? null;
        } else if (legs.length > 1) s.internalOnly = true;
      }
      if (!s.direction || s.internalOnly) continue;
      const [h, m, sec] = (value(first, "Duration") ?? "0:0:0").split(":").map(Number);
      const elapsed = ((h || 0) * 3600 + (m || 0) * 60 + (sec || 0)) * 1000;
      out.push({
        update: this.update(linkedid, s, first, now, {
          eventKey: `Newchannel:${linkedid}`,
          startedAt: new Date(now.getTime() - elapsed),
          extension: s.direction === "outbound" ? s.extension : null,
        }),
      });
    }
    return out;
  }
}
