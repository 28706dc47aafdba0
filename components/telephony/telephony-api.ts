import type { CallDetail, CallView } from "@/lib/telephony/calls";
import type { ConnectionKind, ConnectionView } from "@/lib/telephony/connections";
import type { ExtensionView } from "@/lib/telephony/extensions";
import type { CallerCard } from "@/lib/telephony/live";

export type { CallDetail, CallView, CallerCard, ConnectionKind, ConnectionView, ExtensionView };

export type CallFilters = {
  direction: "" | "inbound" | "outbound";
  status: "" | CallView["status"];
  source: "" | CallView["source"];
  member: string;
  from: string;
  to: string;
  q: string;
};
export const NO_FILTERS: CallFilters = { direction: "", status: "", source: "", member: "", from: "", to: "", q: "" };

export function filterQuery(f: CallFilters, extra: Record<string, string> = {}) {
  const p = new URLSearchParams(extra);
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  return p.toString();
}

export const callKeys = {
  all: ["calls"] as const,
  list: (f: CallFilters, scope: Record<string, string>) => ["calls", "list", f, scope] as const,
  one: (id: string) => ["calls", "one", id] as const,
  live: ["calls", "live"] as const,
  connections: ["telephony", "connections"] as const,
  extensions: ["telephony", "extensions"] as const,
};

/** m:ss, or h:mm:ss past an hour. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return "—";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
