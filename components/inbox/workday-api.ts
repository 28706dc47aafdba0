"use client";

import type { CannedResponseView } from "@/lib/inbox/canned";
import type { LabelView } from "@/lib/inbox/labels";
import type { NoteView } from "@/lib/inbox/notes";
import type { PresenceView } from "@/lib/inbox/presence";
import { api } from "@/lib/client/api";

export type { CannedResponseView, LabelView, NoteView, PresenceView };

/** Keys start with the table whose realtime changes make them stale (components/shell/live-updates.ts). */
export const workdayKeys = {
  canned: ["canned_responses"] as const,
  notes: (conversationId: string) => ["conversation_notes", conversationId] as const,
  labels: ["labels"] as const,
  presence: ["agent_presence"] as const,
  unread: ["conversations", "unread"] as const,
};

export const fetchCanned = () => api<CannedResponseView[]>("/api/messaging/canned");
export type CannedInput = { shortcut: string; title: string; body: string; scope: "organization" | "personal" };
export const createCanned = (body: CannedInput) =>
  api<CannedResponseView>("/api/messaging/canned", { method: "POST", body });
export const updateCanned = (id: string, body: CannedInput) =>
  api<CannedResponseView>(`/api/messaging/canned/${id}`, { method: "PATCH", body });
export const deleteCanned = (id: string) => api<void>(`/api/messaging/canned/${id}`, { method: "DELETE" });

export const fetchNotes = (conversationId: string) =>
  api<NoteView[]>(`/api/messaging/notes?conversationId=${conversationId}`);
export const createNote = (body: { conversationId: string; body: string; mentions: string[] }) =>
  api<NoteView>("/api/messaging/notes", { method: "POST", body });
export const deleteNote = (id: string) => api<void>(`/api/messaging/notes/${id}`, { method: "DELETE" });

export const fetchLabels = () => api<LabelView[]>("/api/messaging/labels");
export const createLabel = (body: { name: string; color: LabelView["color"] }) =>
  api<LabelView>("/api/messaging/labels", { method: "POST", body });
export const updateLabel = (id: string, body: { name: string; color: LabelView["color"] }) =>
  api<LabelView>(`/api/messaging/labels/${id}`, { method: "PATCH", body });
export const deleteLabel = (id: string) => api<void>(`/api/messaging/labels/${id}`, { method: "DELETE" });
export const changeConversationLabels = (id: string, body: { add?: string[]; remove?: string[] }) =>
  api<unknown>(`/api/messaging/conversations/${id}/labels`, { method: "POST", body });

export type BulkInput = {
  ids: string[];
  status?: "open" | "pending" | "resolved";
  assigneeId?: string | null;
  labels?: { add?: string[]; remove?: string[] };
};
export const bulkUpdate = (body: BulkInput) =>
  api<{ updated: number }>("/api/messaging/conversations/bulk", { method: "POST", body });

export const fetchPresence = () => api<PresenceView[]>("/api/messaging/presence");
export const reportPresence = (body: { status: "online" | "away"; conversationId: string | null; typing: boolean }) =>
  api<PresenceView[]>("/api/messaging/presence", { method: "PUT", body });

export const fetchUnreadCount = () => api<{ conversations: number }>("/api/messaging/inbox/unread");

/** Tailwind classes per label colour: a soft chip that reads in both themes. */
export const labelTone: Record<LabelView["color"], string> = {
  gray: "bg-zinc-500/12 text-zinc-700 dark:text-zinc-300",
  red: "bg-red-500/12 text-red-700 dark:text-red-300",
  orange: "bg-orange-500/12 text-orange-700 dark:text-orange-300",
  amber: "bg-amber-500/15 text-amber-800 dark:text-amber-300",
  green: "bg-emerald-500/12 text-emerald-700 dark:text-emerald-300",
  teal: "bg-teal-500/12 text-teal-700 dark:text-teal-300",
  blue: "bg-blue-500/12 text-blue-700 dark:text-blue-300",
  violet: "bg-violet-500/12 text-violet-700 dark:text-violet-300",
  pink: "bg-pink-500/12 text-pink-700 dark:text-pink-300",
};
export const labelDot: Record<LabelView["color"], string> = {
  gray: "bg-zinc-500",
  red: "bg-red-500",
  orange: "bg-orange-500",
  amber: "bg-amber-500",
  green: "bg-emerald-500",
  teal: "bg-teal-500",
  blue: "bg-blue-500",
  violet: "bg-violet-500",
  pink: "bg-pink-500",
};
