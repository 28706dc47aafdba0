import type { MappedUpdate } from "./mapping";

// A call's end waits for its CDR. Asterisk sends the Hangup of the last leg first and cdr_manager's record,
// which carries the talk time and FreePBX's recording file, a moment later; the store publishes `ended` once,
// with what the ending update carries, so an end stored at Hangup would reach RetailCRM's calls/upload without
// the recording. The end is held until a CDR that can finish it, or until the wait runs out (cdr_manager off,
// no record for this call, the session lost), and is then stored as it was.

type Held = { end: MappedUpdate; answered: boolean; timer: ReturnType<typeof setTimeout> };

export class CdrWait {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly waitMs: number,
    /** The wait for this call's CDR ran out: release() and store its end. */
    private readonly onTimeout: (callId: string) => void,
  ) {}

  /** Holds a call's end (the mapper's last Hangup) for its CDR. */
  hold(end: MappedUpdate, answered: boolean) {
    const id = end.update.providerCallId;
    const timer = setTimeout(() => this.onTimeout(id), this.waitMs);
    timer.unref?.();
    const before = this.held.get(id);
    if (before) clearTimeout(before.timer);
    this.held.set(id, { end, answered, timer });
  }

  /**
   * The updates to store for a CDR, in order. With an end held for its call: a CDR with the recording, or the
   * answered party's record (or any record of an unanswered call) finishes it — the end is stored with the
   * CDR's talk time and recording, then the CDR. Another record of an answered call (a ring group's leg that
   * did not answer) is stored without ending anything: the answered party's record may still come.
   */
  withCdr(cdr: MappedUpdate): MappedUpdate[] {
    const id = cdr.update.providerCallId;
    const h = this.held.get(id);
    if (!h) return [cdr];
    const { recordingUrl, durationSeconds } = cdr.update;
    const answeredRecord = durationSeconds !== undefined && durationSeconds !== null;
    if (!recordingUrl && h.answered && !answeredRecord) {
      return [{ ...cdr, update: { ...cdr.update, phase: "answered", endedAt: undefined, outcome: undefined } }];
    }
    this.take(id);
    const end = {
      ...h.end,
      update: {
        ...h.end.update,
        recordingUrl: recordingUrl ?? null,
        durationSeconds: answeredRecord ? durationSeconds : h.end.update.durationSeconds,
      },
    };
    return [end, cdr];
  }

  /** The held end of this call, no longer held (its wait ran out). */
  release(callId: string): MappedUpdate | undefined {
    return this.take(callId)?.end;
  }

  /** Every held end, no longer held: the session is being reconciled or stopped. */
  releaseAll(): MappedUpdate[] {
    return [...this.held.keys()].map((id) => this.take(id)!.end);
  }

  private take(callId: string) {
    const h = this.held.get(callId);
    if (!h) return undefined;
    clearTimeout(h.timer);
    this.held.delete(callId);
    return h;
  }
}
