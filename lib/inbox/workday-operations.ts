import { z } from "zod";
import type { Op } from "@/lib/api/openapi";
import { bulkResultSchema, bulkSchema } from "./bulk";
import { cannedInputSchema, cannedQuerySchema, cannedResponseSchema, updateCannedSchema } from "./canned";
import { inboxItemSchema, unreadCountSchema } from "./inbox";
import { conversationLabelsSchema, labelInputSchema, labelSchema, updateLabelSchema } from "./labels";
import { createNoteSchema, noteSchema, notesQuerySchema } from "./notes";
import { presenceInputSchema, presenceSchema } from "./presence";

// The inbox's working-day routes (canned responses, notes, labels, bulk actions, presence) in /api/openapi.json.
export const workdayOperations: Op[] = [
  {
    method: "get",
    path: "/api/messaging/inbox/unread",
    summary: "How many open conversations have unread client messages",
    tag: "messaging",
    response: unreadCountSchema,
  },
  {
    method: "get",
    path: "/api/messaging/canned",
    summary: "Canned responses: the organisation's and the caller's own",
    tag: "messaging",
    query: cannedQuerySchema,
    response: z.array(cannedResponseSchema),
  },
  {
    method: "post",
    path: "/api/messaging/canned",
    summary: "Save a canned response (organisation-wide: managers)",
    tag: "messaging",
    body: cannedInputSchema,
    response: cannedResponseSchema,
    status: 201,
  },
  {
    method: "patch",
    path: "/api/messaging/canned/{id}",
    summary: "Change a canned response",
    tag: "messaging",
    body: updateCannedSchema,
    response: cannedResponseSchema,
  },
  {
    method: "delete",
    path: "/api/messaging/canned/{id}",
    summary: "Remove a canned response",
    tag: "messaging",
    status: 204,
  },
  {
    method: "get",
    path: "/api/messaging/notes",
    summary: "A conversation's private notes",
    tag: "messaging",
    query: notesQuerySchema,
    response: z.array(noteSchema),
  },
  {
    method: "post",
    path: "/api/messaging/notes",
    summary: "Add a private note (never sent); @mentions are notified",
    tag: "messaging",
    body: createNoteSchema,
    response: noteSchema,
    status: 201,
  },
  { method: "delete", path: "/api/messaging/notes/{id}", summary: "Remove a note", tag: "messaging", status: 204 },
  {
    method: "get",
    path: "/api/messaging/labels",
    summary: "Conversation labels",
    tag: "messaging",
    response: z.array(labelSchema),
  },
  {
    method: "post",
    path: "/api/messaging/labels",
    summary: "Create a label (managers)",
    tag: "messaging",
    body: labelInputSchema,
    response: labelSchema,
    status: 201,
  },
  {
    method: "patch",
    path: "/api/messaging/labels/{id}",
    summary: "Rename or recolour a label",
    tag: "messaging",
    body: updateLabelSchema,
    response: labelSchema,
  },
  { method: "delete", path: "/api/messaging/labels/{id}", summary: "Delete a label", tag: "messaging", status: 204 },
  {
    method: "post",
    path: "/api/messaging/conversations/{id}/labels",
    summary: "Put labels on a conversation or take them off",
    tag: "messaging",
    body: conversationLabelsSchema,
    response: inboxItemSchema,
  },
  {
    method: "post",
    path: "/api/messaging/conversations/bulk",
    summary: "Assign, label or resolve several conversations (all or nothing)",
    tag: "messaging",
    body: bulkSchema,
    response: bulkResultSchema,
  },
  {
    method: "get",
    path: "/api/messaging/presence",
    summary: "Who is online, away or offline, and typing where",
    tag: "messaging",
    response: z.array(presenceSchema),
  },
  {
    method: "put",
    path: "/api/messaging/presence",
    summary: "Report the caller's presence (heartbeat)",
    tag: "messaging",
    body: presenceInputSchema,
    response: z.array(presenceSchema),
  },
];
