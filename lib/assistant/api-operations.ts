import { z } from "zod";
import type { Op } from "@/lib/api/openapi";
import { aiSettingsSchema } from "@/lib/ai/settings";
import { messageSchema } from "@/lib/inbox/message-view";
import { approveDraftSchema, draftSchema, draftsQuerySchema, generateDraftSchema } from "./drafts";
import { markReadSchema, notificationsPageSchema, notificationsQuerySchema } from "./notifications";
import { aiSettingsViewSchema } from "./settings";

// The assistant's part of /api/openapi.json, from the schemas its routes parse with.
export const assistantOperations: Op[] = [
  {
    method: "get",
    path: "/api/ai/settings",
    summary: "Settings → AI, with the engine that answers",
    tag: "ai",
    response: aiSettingsViewSchema,
  },
  {
    method: "put",
    path: "/api/ai/settings",
    summary: "Replace the AI settings (admins); a changed scoring preset re-scores the leads",
    tag: "ai",
    body: aiSettingsSchema,
    response: aiSettingsViewSchema,
  },
  {
    method: "post",
    path: "/api/ai/drafts/generate",
    summary: "Draft a reply to the conversation's latest client message (409 when the profile has no answer)",
    tag: "ai",
    body: generateDraftSchema,
    response: draftSchema,
    status: 201,
  },
  {
    method: "get",
    path: "/api/ai/drafts",
    summary: "Drafts, newest first",
    tag: "ai",
    query: draftsQuerySchema,
    response: z.object({ drafts: z.array(draftSchema) }),
  },
  { method: "get", path: "/api/ai/drafts/{id}", summary: "A draft", tag: "ai", response: draftSchema },
  {
    method: "post",
    path: "/api/ai/drafts/{id}/approve",
    summary: "Send the draft (or an edited text) through the outbox",
    tag: "ai",
    body: approveDraftSchema,
    response: z.object({ draft: draftSchema, message: messageSchema }),
  },
  {
    method: "post",
    path: "/api/ai/drafts/{id}/discard",
    summary: "Discard a pending draft",
    tag: "ai",
    response: draftSchema,
  },
  {
    method: "get",
    path: "/api/notifications",
    summary: "The caller's and organisation-wide notifications",
    tag: "notifications",
    query: notificationsQuerySchema,
    response: notificationsPageSchema,
  },
  {
    method: "post",
    path: "/api/notifications/read",
    summary: "Mark notifications read (all when no ids)",
    tag: "notifications",
    body: markReadSchema,
    response: z.object({ updated: z.number().int() }),
  },
];
