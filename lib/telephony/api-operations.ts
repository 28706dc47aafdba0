import { z } from "zod";
import type { Op } from "@/lib/api/openapi";
import { callDetailSchema, callsPageSchema, callsQuerySchema } from "./calls";
import { aiCallSchema, startCallSchema, startedCallSchema } from "./click-to-call";
import { connectionSchema, createConnectionSchema, updateConnectionSchema } from "./connections";
import { extensionsSchema, setExtensionSchema } from "./extensions";
import { liveCallsSchema } from "./live";

const testResultSchema = z.object({ ok: z.boolean(), error: z.string().nullable(), connection: connectionSchema });

// The telephony module's API in /api/openapi.json. Provider webhooks (/api/webhooks/asterisk|twilio-voice|retell)
// are described in the README: they take the provider's own formats, not ours.
export const telephonyOperations: Op[] = [
  {
    method: "get",
    path: "/api/calls",
    summary: "The call log, newest first (direction, status, source, member, contact, deal, dates, search; keyset)",
    tag: "telephony",
    query: callsQuerySchema,
    response: callsPageSchema,
  },
  {
    method: "post",
    path: "/api/calls",
    summary: "Click-to-call: ring the caller's phone through their telephony, then the number",
    tag: "telephony",
    body: startCallSchema,
    response: startedCallSchema,
    status: 202,
  },
  {
    method: "post",
    path: "/api/calls/ai",
    summary: "AI call: the organisation's Retell agent calls the number",
    tag: "telephony",
    body: aiCallSchema,
    response: startedCallSchema,
    status: 202,
  },
  {
    method: "get",
    path: "/api/calls/live",
    summary: "Calls ringing or in progress for the caller, with the caller's card (the incoming-call pop-up)",
    tag: "telephony",
    response: liveCallsSchema,
  },
  {
    method: "get",
    path: "/api/calls/export",
    summary: "The call log as CSV (same filters as GET /api/calls)",
    tag: "telephony",
    query: callsQuerySchema.omit({ cursor: true, limit: true }),
  },
  {
    method: "get",
    path: "/api/calls/{id}",
    summary: "A call with its transcript, analysis and a signed recording link",
    tag: "telephony",
    response: callDetailSchema,
  },
  {
    method: "get",
    path: "/api/calls/{id}/recording",
    summary: "The call's recording, streamed from the provider (signed, expiring link: exp, sig)",
    tag: "telephony",
    query: z.object({ exp: z.string(), sig: z.string() }),
    auth: false,
  },
  {
    method: "get",
    path: "/api/telephony/connections",
    summary: "Telephony connections with their webhook URL and state",
    tag: "telephony",
    response: z.object({ connections: z.array(connectionSchema) }),
  },
  {
    method: "post",
    path: "/api/telephony/connections",
    summary: "Connect a PBX or voice provider (admins); secrets are write-only",
    tag: "telephony",
    body: createConnectionSchema,
    response: connectionSchema,
    status: 201,
  },
  {
    method: "get",
    path: "/api/telephony/connections/{id}",
    summary: "A telephony connection",
    tag: "telephony",
    response: connectionSchema,
  },
  {
    method: "patch",
    path: "/api/telephony/connections/{id}",
    summary: "Change a telephony connection (admins)",
    tag: "telephony",
    body: updateConnectionSchema,
    response: connectionSchema,
  },
  {
    method: "delete",
    path: "/api/telephony/connections/{id}",
    summary: "Remove a telephony connection and its calls (admins)",
    tag: "telephony",
    status: 204,
  },
  {
    method: "post",
    path: "/api/telephony/connections/{id}/test",
    summary: "Test the connection's credentials against the provider (admins)",
    tag: "telephony",
    response: testResultSchema,
  },
  {
    method: "get",
    path: "/api/telephony/extensions",
    summary: "Members' extensions, manager codes and phones per connection",
    tag: "telephony",
    response: extensionsSchema,
  },
  {
    method: "put",
    path: "/api/telephony/extensions",
    summary: "Set a member's extension on a connection (all empty removes it; admins)",
    tag: "telephony",
    body: setExtensionSchema,
    response: extensionsSchema,
  },
];
