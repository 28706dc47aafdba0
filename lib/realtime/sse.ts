import type { RealtimeEvent } from "./events";
import { subscribe } from "./hub";

const HEARTBEAT_MS = 15_000;
// How long EventSource waits before reconnecting after the stream ends.
const RETRY_MS = 3_000;
// The membership and session were checked when the stream opened; reconnecting now and then checks them again.
const MAX_LIFETIME_MS = 60 * 60 * 1000;
// Frames queued for a client that stopped reading; past this it is cut off, and its reconnect resyncs.
const MAX_QUEUED = 1_000;

export type RealtimeStreamOptions = {
  orgId: string;
  /** The request's signal: the stream ends when the client goes away. */
  signal?: AbortSignal;
  /** A signed-in member: the stream ends when they leave the organisation. */
  userId?: string;
  /** Unix seconds: the stream ends when the credential that opened it expires. */
  expiresAt?: number;
};

const encoder = new TextEncoder();
const frame = (event: string, data: unknown) => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/**
 * A Server-Sent Events response carrying the organisation's changes: `ready` once listening, `change` per
 * change, `resync` when changes may have been missed, and a comment every 15 s so proxies keep it open.
 */
export async function realtimeEventStream(opts: RealtimeStreamOptions): Promise<Response> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const cleanups: (() => void)[] = [];
  let closed = false;

  const end = () => {
    if (closed) return;
    closed = true;
    for (const fn of cleanups) fn();
    try {
      controller.close();
    } catch {
      // already cancelled by the reader
    }
  };
  const send = (chunk: Uint8Array) => {
    if (closed) return;
    if ((controller.desiredSize ?? 0) < -MAX_QUEUED) return end();
    try {
      controller.enqueue(chunk);
    } catch {
      end();
    }
  };

  const stream = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: end,
  });

  const onEvent = (event: RealtimeEvent) => {
    send(frame("change", event));
    // Memberships announce the member's user id as the row id.
    if (opts.userId && event.table === "memberships" && event.op === "DELETE" && event.id === opts.userId) end();
  };
  cleanups.push(await subscribe(opts.orgId, { onEvent, onResync: () => send(frame("resync", {})) }));

  const heartbeat = setInterval(() => send(encoder.encode(": heartbeat\n\n")), HEARTBEAT_MS);
  const untilExpiry = opts.expiresAt ? opts.expiresAt * 1000 - Date.now() : Infinity;
  const lifetime = setTimeout(end, Math.max(0, Math.min(untilExpiry, MAX_LIFETIME_MS)));
  cleanups.push(
    () => clearInterval(heartbeat),
    () => clearTimeout(lifetime),
  );
  if (opts.signal) {
    opts.signal.addEventListener("abort", end, { once: true });
    cleanups.push(() => opts.signal?.removeEventListener("abort", end));
    if (opts.signal.aborted) end();
  }

  send(encoder.encode(`retry: ${RETRY_MS}\n\n`));
  send(frame("ready", { org_id: opts.orgId }));
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression middleware from buffering the stream; nginx reads x-accel-buffering.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
