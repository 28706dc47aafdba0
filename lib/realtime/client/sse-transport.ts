import { refreshSession, storedExpiry } from "@/lib/client/session";
import { realtimeEventSchema } from "../events";
import type { RealtimeHandlers, RealtimeStatus } from "./types";

export type SseOptions = {
  url?: string;
  /** Tests hand in an EventSource that reaches the route without a browser. */
  createEventSource?: (url: string) => EventSource;
};

type Connection = {
  key: string;
  open: () => EventSource;
  source?: EventSource;
  status: RealtimeStatus;
  handlers: Set<RealtimeHandlers>;
  readyBefore: boolean;
  attempt: number;
  retry?: ReturnType<typeof setTimeout>;
};

// One EventSource per tab and organisation however many components listen: browsers allow six
// HTTP/1.1 connections per origin, and each stream holds one.
const connections = new Map<string, Connection>();

const each = (c: Connection, fn: (h: RealtimeHandlers) => void) => [...c.handlers].forEach(fn);

function setStatus(c: Connection, status: RealtimeStatus) {
  if (c.status === status) return;
  c.status = status;
  each(c, (h) => h.onStatus(status));
}

function start(c: Connection) {
  const source = c.open();
  c.source = source;
  source.addEventListener("ready", () => {
    c.attempt = 0;
    setStatus(c, "connected");
    // Whatever changed while the stream was down was not announced to us.
    if (c.readyBefore) each(c, (h) => h.onReset());
    c.readyBefore = true;
  });
  source.addEventListener("change", (message) => {
    const parsed = realtimeEventSchema.safeParse(safeJson((message as MessageEvent<string>).data));
    if (parsed.success) each(c, (h) => h.onEvent(parsed.data));
  });
  source.addEventListener("resync", () => each(c, (h) => h.onReset()));
  source.onerror = () => {
    if (c.source !== source) return;
    setStatus(c, "reconnecting");
    // A network error leaves it CONNECTING and the browser retries; an HTTP error (401, 503) closes it for good.
    if (source.readyState !== 2 /* CLOSED */) return;
    const delay = Math.min(60_000, 1_000 * 2 ** c.attempt++) * (0.5 + Math.random() / 2);
    c.retry = setTimeout(() => void reopen(c), delay);
  };
}

// The server ends the stream when the access token expires (an hour); on an idle page nothing else would
// renew the cookie, so the reconnect does, through the app's one deduplicated refresh.
const sessionLooksExpired = () => {
  const expiresAt = storedExpiry();
  return !expiresAt || expiresAt * 1000 < Date.now() + 5_000;
};

async function reopen(c: Connection) {
  if (typeof window !== "undefined" && sessionLooksExpired()) await refreshSession();
  if (connections.get(c.key) === c) start(c);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The embedded path: the organisation is the session's, resolved by the server from the cookie. */
export function connectSse(orgId: string, handlers: RealtimeHandlers, opts: SseOptions = {}): () => void {
  const url = opts.url ?? "/api/realtime";
  const key = `${url} ${orgId}`;
  let c = connections.get(key);
  if (!c) {
    const create = opts.createEventSource ?? ((u: string) => new EventSource(u));
    c = { key, open: () => create(url), status: "connecting", handlers: new Set(), readyBefore: false, attempt: 0 };
    connections.set(key, c);
    start(c);
  }
  const conn = c;
  conn.handlers.add(handlers);
  // Told after the caller's effect returns, not during it.
  queueMicrotask(() => conn.handlers.has(handlers) && handlers.onStatus(conn.status));
  return () => {
    conn.handlers.delete(handlers);
    if (conn.handlers.size > 0) return;
    clearTimeout(conn.retry);
    conn.source?.close();
    conn.source = undefined;
    connections.delete(conn.key);
  };
}
