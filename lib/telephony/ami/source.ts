import { asService } from "@/lib/db";
import { backoffDelay, sleepUnlessAborted, superviseLoops } from "@/lib/jobs/supervise";
import { logger } from "@/lib/log";
import { loadConnectionRecord, setConnectionState, type ConnectionRecord } from "../connections";
import { recordCallEvent } from "../store";
import { CdrWait } from "./cdr-wait";
import { AmiAuthError, AmiClient } from "./client";
import { AmiCallMapper, type MappedUpdate } from "./mapping";
import { header, type AmiMessage } from "./protocol";
import { amiSettings, recordingUrlFor, type AmiSettings } from "./settings";

// The AMI source: one long-lived session per enabled `asterisk_ami` connection, run by the process that runs
// the jobs (as Telegram long polling is). Login with the secret, Ping to keep it alive, reconnect with a
// doubling back-off; after every login the channels up now (CoreShowChannels) are read, and the calls we had
// open that are not among them are marked "unknown" — their end happened while we were away. Events of a
// session are stored one after another, each through the store every source uses (recordCallEvent).

const log = logger.child({ module: "telephony-ami" });

export type AmiSourceOptions = {
  /** Enabled asterisk_ami connections with their secrets (default: read from the database). */
  loadConnections?: () => Promise<ConnectionRecord[]>;
  /** How often added, changed or removed connections and extensions are picked up (default 30 s). */
  rescanMs?: number;
  keepAliveMs?: number;
  /** Doubling from minMs to maxMs between attempts (default 1 s … 60 s); a refused login waits maxMs. */
  backoff?: { minMs: number; maxMs: number };
  /** Connect and each action's answer (default 10 s). */
  timeoutMs?: number;
  /**
   * How long a call's end waits after its last Hangup for the CDR with the recording (default 5 s); it waits
   * only on a connection with a recording URL pattern or one that has sent a CDR this session.
   */
  cdrWaitMs?: number;
};

export interface AmiSupervisor {
  refresh(): Promise<void>;
  stop(): Promise<void>;
  connectionIds(): string[];
}

export async function loadEnabledAmiConnections(): Promise<ConnectionRecord[]> {
  return asService(async (sql) => {
    const rows = await sql.query<{ id: string }>(
      "select id from public.telephony_connections where kind = 'asterisk_ami' and enabled order by created_at",
    );
    const out: ConnectionRecord[] = [];
    for (const { id } of rows) {
      try {
        const conn = await loadConnectionRecord(sql, id);
        if (conn) out.push(conn);
      } catch (error) {
        log.error({ connectionId: id, err: (error as Error).message }, "cannot read the AMI connection's secrets");
      }
    }
    return out;
  });
}

export function startAmiSupervisor(options: AmiSourceOptions = {}): AmiSupervisor {
  const load = options.loadConnections ?? loadEnabledAmiConnections;
  const supervisor = superviseLoops<{ conn: ConnectionRecord; settings: AmiSettings }, ConnectionLoop>({
    rescanMs: options.rescanMs ?? 30_000,
    onScanError: (error) =>
      log.error({ err: (error as Error).message }, "cannot load AMI connections; sessions continue as they were"),
    wanted: async () => {
      const wanted = new Map<string, { conn: ConnectionRecord; settings: AmiSettings }>();
      for (const conn of await load()) {
        const settings = amiSettings(conn);
        if (!settings) {
          log.warn({ connectionId: conn.id }, "AMI connection not started: invalid settings");
          continue;
        }
        wanted.set(`${conn.id}\n${JSON.stringify(settings)}`, { conn, settings });
      }
      return wanted;
    },
    start: ({ conn, settings }) => new ConnectionLoop(conn, settings, options),
    keep: (loop) => loop.refreshExtensions(),
  });
  return {
    refresh: supervisor.refresh,
    stop: supervisor.stop,
    connectionIds: () => supervisor.loops().map((l) => l.conn.id),
  };
}

const UNKNOWN_REASON = "the AMI connection was down when this call ended";

class ConnectionLoop {
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;
  private client: AmiClient | null = null;
  private extensions = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private readonly mapper: AmiCallMapper;
  private readonly cdrWait: CdrWait;
  /** cdr_manager sends records to this session: ends wait for them. */
  private sawCdr = false;
  private readonly log;

  constructor(
    readonly conn: ConnectionRecord,
    private readonly settings: AmiSettings,
    private readonly options: AmiSourceOptions,
  ) {
    this.log = log.child({ connectionId: conn.id });
    this.mapper = new AmiCallMapper({
      isExtension: (peer) => this.extensions.has(peer),
      recordingUrl: (file, start) => recordingUrlFor(settings.recordingUrlPattern, file, start),
    });
    this.cdrWait = new CdrWait(options.cdrWaitMs ?? 5_000, (id) =>
      this.schedule(async () => {
        const end = this.cdrWait.release(id);
        if (end) await this.persist(end);
      }),
    );
    this.done = this.run();
  }

  async refreshExtensions() {
    const rows = await asService((sql) =>
      sql.query<{ extension: string }>(
        "select extension from public.telephony_extensions where connection_id = $1 and extension is not null",
        [this.conn.id],
      ),
    );
    this.extensions = new Set(rows.map((r) => r.extension));
  }

  async stop() {
    this.abort.abort();
    const client = this.client;
    if (client) await client.close().catch(() => undefined);
    await this.done;
    // Ends still waiting for their CDR are stored as they are rather than lost with the process.
    this.schedule(() => this.storeHeldEnds());
    await this.chain;
  }

  private async storeHeldEnds() {
    for (const end of this.cdrWait.releaseAll()) await this.persist(end);
  }

  private async state(state: "connected" | "retrying" | "error", error: string | null = null) {
    await asService((sql) => setConnectionState(sql, this.conn.id, state, error)).catch(() => undefined);
  }

  private async run() {
    const { signal } = this.abort;
    const { minMs, maxMs } = this.options.backoff ?? { minMs: 1_000, maxMs: 60_000 };
    let failures = 0;
    while (!signal.aborted) {
      let closed!: (error: Error | null) => void;
      const whenClosed = new Promise<Error | null>((r) => (closed = r));
      const client = new AmiClient({
        host: this.settings.host,
        port: this.settings.port,
        timeoutMs: this.options.timeoutMs,
        onEvent: (e) => this.enqueue(e, eventTime(e)),
        onClose: (error) => closed(error),
      });
      this.client = client;
      let waitMs: number;
      try {
        await this.refreshExtensions();
        await client.open();
        await client.login(this.settings.username, this.settings.secret);
        if (signal.aborted) break;
        failures = 0;
        this.log.info({ banner: client.banner }, "AMI session open");
        await this.state("connected");
        client.startKeepAlive(this.options.keepAliveMs ?? 20_000);
        this.schedule(() => this.reconcile(client));
        const onAbort = () => closed(null);
        signal.addEventListener("abort", onAbort, { once: true });
        const error = await whenClosed;
        signal.removeEventListener("abort", onAbort);
        if (signal.aborted) break;
        failures += 1;
        waitMs = Math.min(maxMs, minMs);
        this.log.warn({ err: error?.message, retryInMs: waitMs }, "AMI session closed; reconnecting");
        await this.state("retrying", error?.message ?? "the PBX closed the AMI connection");
      } catch (error) {
        client.destroy();
        if (signal.aborted) break;
        failures += 1;
        const message = (error as Error).message;
        if (error instanceof AmiAuthError) {
          waitMs = maxMs;
          await this.state("error", message);
        } else {
          waitMs = backoffDelay(failures, { minMs, maxMs });
          await this.state("retrying", message);
        }
        this.log.warn({ err: message, retryInMs: waitMs }, "AMI connection failed");
      }
      await sleepUnlessAborted(waitMs, signal);
    }
    this.client?.destroy();
    this.log.info("AMI session stopped");
  }

  /** Runs after everything queued before it: events of one session are stored in the order they came. */
  private schedule(task: () => Promise<void>) {
    this.chain = this.chain
      .then(task)
      .catch((error: Error) => this.log.error({ err: error.message }, "AMI task failed"));
  }

  private enqueue(e: AmiMessage, at: Date) {
    this.schedule(async () => {
      const mapped = this.mapper.map(e, at);
      if (!mapped) return;
      if (mapped.cdr) this.sawCdr = true;
      if (mapped.endOfCall && (this.sawCdr || this.settings.recordingUrlPattern)) {
        return this.cdrWait.hold(mapped, mapped.endOfCall.answered);
      }
      for (const m of mapped.cdr ? this.cdrWait.withCdr(mapped) : [mapped]) await this.persist(m);
    });
  }

  /** Stores one update, retrying a failing database three times (a PBX does not send an event again). */
  private async persist({ update, requireExisting }: MappedUpdate) {
    for (let attempt = 1; ; attempt++) {
      try {
        await asService(async (sql) => {
          if (requireExisting) {
            const [row] = await sql.query(
              "select 1 from public.calls where connection_id = $1 and provider_call_id = $2",
              [this.conn.id, update.providerCallId],
            );
            if (!row) return;
          }
          await recordCallEvent(sql, this.conn, update);
          // At most once a second: each write would announce a change to every open browser.
          await sql.query(
            `update public.telephony_connections set last_event_at = now()
              where id = $1 and (last_event_at is null or last_event_at < now() - interval '1 second')`,
            [this.conn.id],
          );
        });
        return;
      } catch (error) {
        if (attempt >= 4) throw error;
        await sleepUnlessAborted(250 * 2 ** attempt, this.abort.signal);
      }
    }
  }

  /**
   * What can be read after a login: the channels up now. Their calls are tracked again (a call that began while
   * we were away is logged from its first leg); a call we had open whose channels are all gone ended unseen.
   */
  private async reconcile(client: AmiClient) {
    // An end held for a CDR that the lost session never delivered: the Hangup was seen, so it is a real end.
    await this.storeHeldEnds();
    const { events } = await client.action("CoreShowChannels", [], { list: true });
    const channels = events.filter((e) => header(e, "Event") === "CoreShowChannel");
    const now = new Date();
    this.mapper.resetLegs();
    for (const m of this.mapper.seed(channels, now)) await this.persist(m);
    const live = new Set(channels.map((c) => header(c, "Linkedid") ?? header(c, "Uniqueid")));
    const open = await asService((sql) =>
      sql.query<{ provider_call_id: string }>(
        `select c.provider_call_id from public.calls c
          where c.connection_id = $1 and c.ended_at is null and c.status in ('ringing', 'answered')
            -- a click-to-call logged a moment ago whose first channel the PBX has not made yet
            and not (c.started_at > now() - interval '60 seconds'
                     and not exists (select 1 from public.call_events e where e.call_id = c.id and e.event <> 'originate'))`,
        [this.conn.id],
      ),
    );
    const ids = new Set([...open.map((r) => r.provider_call_id), ...this.mapper.openCalls()]);
    for (const id of ids) {
      if (live.has(id)) continue;
      this.mapper.forget(id);
      await this.persist({
        requireExisting: true,
        update: {
          providerCallId: id,
          eventKey: "end-unknown",
          raw: { reason: UNKNOWN_REASON, reconnectedAt: now.toISOString() },
          at: now,
          phase: "ended",
          endUnknown: true,
        },
      });
    }
    if (ids.size || channels.length)
      this.log.info({ channels: channels.length, open: ids.size }, "AMI state read after login");
  }
}

/** The event's own time when the PBX stamps events (manager.conf timestampevents = yes), else now. */
function eventTime(e: AmiMessage): Date {
  const ts = Number(header(e, "Timestamp"));
  return Number.isFinite(ts) && ts > 1e9 ? new Date(ts * 1000) : new Date();
}

const holder = ((globalThis as { __relayAmi?: { supervisor?: AmiSupervisor } }).__relayAmi ??= {});

/** At server start, where the jobs run (JOBS_RUNNER=off leaves it to the worker: one session per PBX). */
export function startAmiIfNeeded(jobsRunnerOff: boolean): AmiSupervisor | undefined {
  if (jobsRunnerOff) return undefined;
  return (holder.supervisor ??= startAmiSupervisor());
}

/** Picks up a connection created, changed or removed in this process without waiting for the re-scan. */
export function refreshAmi(): void {
  holder.supervisor?.refresh().catch((error: Error) => log.error({ err: error.message }, "AMI refresh failed"));
}

export async function stopAmi(): Promise<void> {
  const s = holder.supervisor;
  holder.supervisor = undefined;
  await s?.stop();
}
