import type { ConnectionView } from "@/lib/retailcrm/settings";
import type { SaveConnectionInput } from "@/lib/retailcrm/connections";
import { api } from "@/lib/client/api";

export type { ConnectionView };
export type SyncLogEntry = {
  id: string;
  direction: string;
  entity: string;
  kind: string;
  retailcrmId: number | null;
  localId: string | null;
  field: string | null;
  message: string;
  event: string | null;
  details: Record<string, string | number | boolean>;
  createdAt: string;
};
export type TestResult = {
  ok: boolean;
  status?: "error" | "rate_limited" | "unreachable";
  message?: string;
  retailcrmMessage?: string | null;
  credentials?: string[];
};
export type SaveBody = Omit<SaveConnectionInput, "apiKey"> & { apiKey?: string };

export const retailcrmKeys = {
  connection: ["retailcrm", "connection"] as const,
  log: ["retailcrm", "sync-log"] as const,
};

export const fetchConnection = (signal?: AbortSignal) =>
  api<{ connection: ConnectionView | null }>("/api/retailcrm/connection", { signal });

/** The whole connection as PUT wants it, from what is shown, with the changes on top. */
export function saveBody(view: ConnectionView, patch: Partial<SaveBody>): SaveBody {
  return {
    apiUrl: view.apiUrl,
    site: view.site,
    pipelineId: view.pipelineId,
    statusMap: view.statusMap,
    managerMap: view.managerMap.map((m) => ({ memberId: m.memberId, userId: m.userId, code: m.code })),
    enabled: view.enabled,
    ...patch,
  };
}

export const saveConnection = (body: SaveBody) =>
  api<{ connection: ConnectionView }>("/api/retailcrm/connection", { method: "PUT", body });

export type Health = ConnectionView["status"];

/** Badge tone per connection status. */
export const healthTone = {
  connected: "success",
  pending: "neutral",
  error: "destructive",
  rate_limited: "warning",
  unreachable: "warning",
} as const;
