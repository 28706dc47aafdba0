import { z } from "zod";
import type { Op } from "@/lib/api/openapi";
import { saveConnectionSchema } from "./connections";
import { connectionViewSchema, syncLogEntrySchema, syncLogQuery, syncNowSchema } from "./settings";

// Settings → Integrations → RetailCRM in /api/openapi.json (admins).
export const retailcrmOperations: Op[] = [
  {
    method: "get",
    path: "/api/retailcrm/connection",
    summary: "The RetailCRM connection (never its API key), the URLs to set in RetailCRM, and the sync state",
    tag: "retailcrm",
    response: z.object({ connection: connectionViewSchema.nullable() }),
  },
  {
    method: "put",
    path: "/api/retailcrm/connection",
    summary: "Connect RetailCRM or change the connection (the API key is write-only)",
    tag: "retailcrm",
    body: saveConnectionSchema,
    response: z.object({ connection: connectionViewSchema.nullable() }),
  },
  {
    method: "post",
    path: "/api/retailcrm/connection/test",
    summary: "Test the connection: what the API key may do, or RetailCRM's error",
    tag: "retailcrm",
    response: z.object({
      ok: z.boolean(),
      status: z.enum(["error", "rate_limited", "unreachable"]).optional(),
      message: z.string().optional(),
      retailcrmMessage: z.string().nullable().optional(),
      credentials: z.array(z.string()).optional(),
    }),
  },
  {
    method: "post",
    path: "/api/retailcrm/connection/sync",
    summary: "Sync now (the change feeds) or run the first sync of an existing account",
    tag: "retailcrm",
    body: syncNowSchema,
    response: z.object({ jobId: z.string(), kind: z.string() }),
    status: 202,
  },
  {
    method: "post",
    path: "/api/retailcrm/connection/module",
    summary: "Register Relay CRM as RetailCRM's telephony module (makeCallUrl, events, managers' codes)",
    tag: "retailcrm",
    response: z.object({ registered: z.boolean(), code: z.string().optional(), message: z.string().optional() }),
  },
  {
    method: "get",
    path: "/api/retailcrm/sync-log",
    summary: "The sync log, newest first (keyset cursor `before`)",
    tag: "retailcrm",
    query: syncLogQuery,
    response: z.object({ items: z.array(syncLogEntrySchema), nextCursor: z.string().nullable() }),
  },
];
