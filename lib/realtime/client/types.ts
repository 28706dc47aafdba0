import type { RealtimeEvent } from "../events";

/** For a small indicator: live, or catching up after the connection dropped. */
export type RealtimeStatus = "idle" | "connecting" | "connected" | "reconnecting";

export type RealtimeHandlers = {
  onEvent: (event: RealtimeEvent) => void;
  /** Changes may have been missed (a reconnect, or the server lost its LISTEN): refetch everything. */
  onReset: () => void;
  onStatus: (status: RealtimeStatus) => void;
};

/** Starts delivering the organisation's changes to these tables; returns the disconnect. */
export type RealtimeTransport = (orgId: string, tables: readonly string[], handlers: RealtimeHandlers) => () => void;
