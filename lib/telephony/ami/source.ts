import { asService } from "@/lib/db";
import { logger } from "@/lib/log";
import { loadConnectionRecord, setConnectionState, type ConnectionRecord } from "../connections";
import { recordCallEvent } from "../store";
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
  const loops = new Map<string, ConnectionLoop>();
  let stopped = false;
  let queue = Promise.resolve();

  const scan = async () => {
    if (stopped) return;
    let conns: ConnectionRecord[];
    try {
      conns = await load();
    } catch (error) {
      log.error({ err: (error as Error).message }, "cannot load AMI connections; sessions continue as they were");
      return;
    }
    const wanted = new Map<string, { conn: ConnectionRecord; settings: AmiSettings }>();
    for (const conn of conns) {
      const settings = amiSettings(conn);
      if (!settings) {
        log.warn({ connectionId: conn.id }, "AMI connection not started: invalid settings");
        continue;
      }
      wanted.set(`${conn.id}\n${JSON.stringify(settings)}`, { conn, settings });
    }
    const ending: Promise<void>[] = [];
    for (const [key, loop] of loops) {
      if (wanted.has(key)) continue;
      loops.delete(key);
      ending.push(loop.stop());
    }
    await Promise.all(ending);
    for (const [key, { conn, settings }] of wanted) {
      const running = loops.get(key);
      if (running) await running.refreshExtensions();
      else loops.set(key, new ConnectionLoop(conn, settings, options));
    }
  };
  const refresh = () => {
    const next = queue.then(scan);
    queue = next.catch(() => undefined);
    return next;
  };
  const timer = setInterval(() => void refresh(), options.rescanMs ?? 30_000);
  timer.unref();
  void refresh();
  return {
    refresh,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await queue;
      await Promise.all([...loops.values()].map((l) => l.stop()));
      loops.clear();
    },
    connectionIds: () => [...loops.values()].map((l) => l.conn.id),
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
    await this.chain;
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
          waitMs = Math.round(Math.min(maxMs, minMs * 2 ** Math.min(failures - 1, 20)) * (0.75 + Math.random() * 0.5));
          await this.state("retrying", message);
        }
        this.log.warn({ err: message, retryInMs: waitMs }, "AMI connection failed");
      }
      await sleep(waitMs, signal);
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
      if (mapped) await this.persist(mapped);
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
          await sql.query("update public.telephony_connections set last_event_at = now() where id = $1", [
            this.conn.id,
          ]);
        });
        return;
      } catch (error) {
        if (attempt >= 4) throw error;
        await sleep(250 * 2 ** attempt, this.abort.signal);
      }
    }
  }

  /**
   * What can be read after a login: the channels up now. Their calls are tracked again (a call that began while
   * we were away is logged from its first leg); a call we had open whose channels are all gone ended unseen.
   */
  private async reconcile(client: AmiClient) {
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

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
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
