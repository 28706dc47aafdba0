import { randomUUID } from "node:crypto";
import { getDb, type Database } from "@/lib/db";
import { logger } from "@/lib/log";
import { parseRealtimeEvent, REALTIME_CHANNEL, type RealtimeEvent } from "./events";

export type RealtimeSubscriber = {
  onEvent: (event: RealtimeEvent) => void;
  /** Changes may have been missed (the LISTEN connection was replaced): refetch everything. */
  onResync?: () => void;
};

type Listening = { db: Database; ready: Promise<() => Promise<void>> };

type Hub = {
  subscribers: Map<string, Set<RealtimeSubscriber>>;
  count: number;
  listening?: Listening;
  pings: Map<string, () => void>;
  timer?: ReturnType<typeof setInterval>;
  checking?: Promise<void>;
};

// A LISTEN connection can die without the Database interface telling us (pg swallows the client's error),
// so while anyone is subscribed the hub sends itself a NOTIFY now and then and re-listens if it never arrives.
const CHECK_EVERY_MS = 30_000;
const PING_TIMEOUT_MS = 5_000;

// One LISTEN per process: Next.js may load this module once per route bundle, globalThis is shared.
const hub: Hub = ((globalThis as { __relayRealtimeHub?: Hub }).__relayRealtimeHub ??= {
  subscribers: new Map(),
  count: 0,
  pings: new Map(),
});

function dispatch(payload: string) {
  const ping = /^\{"ping":"([0-9a-f-]{36})"\}$/.exec(payload);
  if (ping) {
    // Another process's ping finds nothing here.
    hub.pings.get(ping[1])?.();
    return;
  }
  const event = parseRealtimeEvent(payload);
  if (!event) {
    logger.debug({ payload }, "realtime: dropped a malformed or org-less notification");
    return;
  }
  for (const subscriber of [...(hub.subscribers.get(event.org_id) ?? [])]) {
    try {
      subscriber.onEvent(event);
    } catch (err) {
      logger.warn({ err }, "realtime: a subscriber threw");
    }
  }
}

function startListening(db: Database): Listening {
  const previous = hub.listening;
  const listening: Listening = {
    db,
    // Notifications still in flight on a replaced connection are not ours to deliver.
    ready: db.listen(REALTIME_CHANNEL, (payload) => hub.listening === listening && dispatch(payload)),
  };
  hub.listening = listening;
  listening.ready.catch(() => {
    if (hub.listening === listening) hub.listening = undefined;
  });
  if (previous) void stopListening(previous);
  hub.timer ??= setInterval(() => void checkRealtimeHub(), CHECK_EVERY_MS);
  hub.timer.unref?.();
  return listening;
}

async function stopListening(listening: Listening) {
  try {
    const unlisten = await listening.ready;
    await unlisten();
  } catch {
    // it never started, or its database is already closed
  }
}

function resyncAll() {
  for (const set of hub.subscribers.values())
    for (const subscriber of [...set]) {
      try {
        subscriber.onResync?.();
      } catch (err) {
        logger.warn({ err }, "realtime: a subscriber threw");
      }
    }
}

async function ensureListening() {
  const db = await getDb();
  if (hub.listening?.db === db) return void (await hub.listening.ready);
  // Tests swap the database with setDb: follow it, and tell those already subscribed they may have missed some.
  const replacing = hub.listening !== undefined;
  await startListening(db).ready;
  if (replacing) resyncAll();
}

function idle() {
  const listening = hub.listening;
  hub.listening = undefined;
  if (hub.timer) clearInterval(hub.timer);
  hub.timer = undefined;
  if (listening) void stopListening(listening);
}

/**
 * Calls onEvent with each change of this organisation's rows, and no other's. Resolves once the LISTEN is
 * in place, so a change committed after that is delivered.
 */
export async function subscribe(orgId: string, subscriber: RealtimeSubscriber): Promise<() => void> {
  let set = hub.subscribers.get(orgId);
  if (!set) hub.subscribers.set(orgId, (set = new Set()));
  // Each call gets its own entry, even when handed the same object twice.
  const entry = { ...subscriber };
  set.add(entry);
  hub.count++;
  let done = false;
  const unsubscribe = () => {
    if (done) return;
    done = true;
    set.delete(entry);
    if (set.size === 0 && hub.subscribers.get(orgId) === set) hub.subscribers.delete(orgId);
    if (--hub.count === 0) idle();
  };
  try {
    await ensureListening();
  } catch (error) {
    unsubscribe();
    throw error;
  }
  return unsubscribe;
}

async function pingArrives(db: Database) {
  const nonce = randomUUID();
  const arrived = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
    hub.pings.set(nonce, () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  try {
    await db.transaction((sql) =>
      sql.query("select pg_notify($1, $2)", [REALTIME_CHANNEL, JSON.stringify({ ping: nonce })]),
    );
    return await arrived;
  } catch {
    return false;
  } finally {
    hub.pings.delete(nonce);
  }
}

async function check() {
  if (hub.count === 0) return;
  const db = await getDb();
  const current = hub.listening;
  const healthy = current?.db === db && (await pingArrives(db));
  if (healthy || hub.count === 0 || hub.listening !== current) return;
  logger.warn("realtime: LISTEN connection lost or replaced, listening again");
  await startListening(db).ready;
  resyncAll();
}

/** Checks the LISTEN connection now (the hub also does it every 30 s); re-listens and resyncs if it is dead. */
export function checkRealtimeHub(): Promise<void> {
  hub.checking ??= check()
    .catch((err) => logger.warn({ err }, "realtime: listening again failed, retrying on the next check"))
    .finally(() => (hub.checking = undefined));
  return hub.checking;
}

/** How many subscribers the process holds (for /api/health and tests). */
export const realtimeSubscriberCount = () => hub.count;
