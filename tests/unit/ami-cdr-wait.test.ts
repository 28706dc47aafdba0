import { expect, it } from "vitest";
import { CdrWait } from "@/lib/telephony/ami/cdr-wait";
import { AmiCallMapper, type MappedUpdate } from "@/lib/telephony/ami/mapping";
import type { AmiMessage } from "@/lib/telephony/ami/protocol";

// The end of an AMI call waits for the CDR that carries its recording: which records finish it, which do not,
// and a record that comes while the call is still up ends nothing.

const msg = (fields: Record<string, string>): AmiMessage => ({ headers: Object.entries(fields), body: [] });
const at = new Date("2026-02-12T10:31:00Z");

function mapper() {
  return new AmiCallMapper({
    isExtension: (peer) => peer === "101" || peer === "102",
    recordingUrl: (file) => `https://pbx.example.com/monitor/${file}`,
  });
}

/** A client's call from a trunk to a ring group of 101 and 102; 101 answers. */
function answeredCall(m: AmiCallMapper) {
  const base = { Linkedid: "1.1" };
  const out: (MappedUpdate | null)[] = [
    m.map(
      msg({
        Event: "Newchannel",
        ...base,
        Uniqueid: "1.1",
        Channel: "PJSIP/trunk-0001",
        CallerIDNum: "79161234567",
        Exten: "600",
      }),
      at,
    ),
    m.map(
      msg({ Event: "DialBegin", ...base, Uniqueid: "1.1", DestUniqueid: "1.2", DestChannel: "PJSIP/101-0002" }),
      at,
    ),
    m.map(
      msg({ Event: "DialBegin", ...base, Uniqueid: "1.1", DestUniqueid: "1.3", DestChannel: "PJSIP/102-0003" }),
      at,
    ),
    m.map(
      msg({
        Event: "DialEnd",
        ...base,
        Uniqueid: "1.1",
        DestUniqueid: "1.3",
        DestChannel: "PJSIP/102-0003",
        DialStatus: "CANCEL",
      }),
      at,
    ),
    m.map(
      msg({
        Event: "DialEnd",
        ...base,
        Uniqueid: "1.1",
        DestUniqueid: "1.2",
        DestChannel: "PJSIP/101-0002",
        DialStatus: "ANSWER",
      }),
      at,
    ),
  ];
  return out;
}

const cdr = (fields: Record<string, string>) =>
  msg({ Event: "Cdr", UniqueID: "1.1", LinkedID: "1.1", StartTime: "2026-02-12 10:30:36", ...fields });

it("a CDR while the call is still up ends nothing; the last Hangup is the end, marked for its CDR", () => {
  const m = mapper();
  answeredCall(m);
  const early = m.map(
    cdr({ DestinationChannel: "PJSIP/102-0003", Disposition: "NO ANSWER", BillableSeconds: "0" }),
    at,
  )!;
  expect(early.cdr).toBe(true);
  expect(early.update).toMatchObject({ phase: "answered", endedAt: undefined, outcome: null });

  expect(m.map(msg({ Event: "Hangup", Linkedid: "1.1", Uniqueid: "1.3" }), at)).toBeNull();
  expect(m.map(msg({ Event: "Hangup", Linkedid: "1.1", Uniqueid: "1.2" }), at)).toBeNull();
  const end = m.map(msg({ Event: "Hangup", Linkedid: "1.1", Uniqueid: "1.1", Cause: "16" }), at)!;
  expect(end.endOfCall).toEqual({ answered: true });
  expect(end.update).toMatchObject({ phase: "ended", providerCallId: "1.1", outcome: null });
});

it("holds the end until the answered party's record with the recording, then stores the end with it, then the CDR", () => {
  const m = mapper();
  answeredCall(m);
  for (const u of ["1.3", "1.2"]) m.map(msg({ Event: "Hangup", Linkedid: "1.1", Uniqueid: u }), at);
  const end = m.map(msg({ Event: "Hangup", Linkedid: "1.1", Uniqueid: "1.1", Cause: "16" }), at)!;
  const timedOut: string[] = [];
  const wait = new CdrWait(60_000, (id) => timedOut.push(id));
  wait.hold(end, true);

  // The ring group's phone that did not answer: its record does not end the answered call.
  const other = m.map(
    cdr({ DestinationChannel: "PJSIP/102-0003", Disposition: "NO ANSWER", BillableSeconds: "0" }),
    at,
  )!;
  const [notEnding, ...none] = wait.withCdr(other);
  expect(none).toEqual([]);
  expect(notEnding.update).toMatchObject({ phase: "answered", endedAt: undefined });

  const answered = m.map(
    cdr({
      DestinationChannel: "PJSIP/101-0002",
      Disposition: "ANSWERED",
      BillableSeconds: "15",
      RecordingFile: "in-1.1.wav",
    }),
    at,
  )!;
  const [stored, record, ...rest] = wait.withCdr(answered);
  expect(rest).toEqual([]);
  expect(stored.update).toMatchObject({
    eventKey: "Hangup:1.1",
    phase: "ended",
    recordingUrl: "https://pbx.example.com/monitor/in-1.1.wav",
    durationSeconds: 15,
  });
  expect(record).toBe(answered);
  // Nothing is held any more: a late record is stored on its own, and no timer fires.
  expect(wait.release("1.1")).toBeUndefined();
  expect(wait.withCdr(answered)).toEqual([answered]);
  expect(wait.releaseAll()).toEqual([]);
  expect(timedOut).toEqual([]);
});

it("an unanswered call's first record finishes it; with no record the wait runs out once", async () => {
  const wait = new CdrWait(30, () => undefined);
  const missed = {
    endOfCall: { answered: false },
    update: {
      providerCallId: "2.1",
      eventKey: "Hangup:2.1",
      raw: {},
      at,
      phase: "ended" as const,
      outcome: "missed" as const,
    },
  };
  wait.hold(missed, false);
  const record: MappedUpdate = {
    cdr: true,
    requireExisting: true,
    update: { providerCallId: "2.1", eventKey: "Cdr:2.1:", raw: {}, at, phase: "ended", recordingUrl: null },
  };
  expect(wait.withCdr(record).map((u) => u.update.eventKey)).toEqual(["Hangup:2.1", "Cdr:2.1:"]);

  const timedOut: string[] = [];
  const timed = new CdrWait(30, (id) => timedOut.push(id));
  timed.hold({ ...missed, update: { ...missed.update, providerCallId: "3.1" } }, false);
  await new Promise((r) => setTimeout(r, 80));
  expect(timedOut).toEqual(["3.1"]);
  expect(timed.release("3.1")?.update.eventKey).toBe("Hangup:2.1");
  expect(timed.release("3.1")).toBeUndefined();
});
