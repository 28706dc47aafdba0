"use client";

import type { AiMode, AiSettings, AiSettingsInput } from "@/lib/ai/settings";
import type { ReplyExplanation } from "@/lib/ai/reply-explanation";
import type { NotificationView } from "@/lib/assistant/notifications";
import { api } from "@/lib/client/api";

export type { AiMode, AiSettings, AiSettingsInput };
export type AiSettingsView = AiSettings & { engine: "openai" | "offline" };

export type Draft = {
  id: string;
  conversationId: string;
  inReplyTo: string | null;
  text: string;
  status: "pending" | "approved" | "discarded" | "superseded";
  engine: "openai" | "offline";
  model: string | null;
  /** Why the assistant proposed it; withheld: it was not sure enough to send it itself. */
  explanation?: ReplyExplanation | null;
  createdAt: string;
};

export type Notification = {
  id: string;
  kind: NotificationView["kind"];
  title: string;
  body: string;
  conversationId: string | null;
  contactId: string | null;
  /** Where a notice that is not about a conversation leads (/tasks?task=…). */
  link?: string | null;
  readAt: string | null;
  createdAt: string;
};

/** What the assistant adds to a conversation (lib/inbox/inbox.ts); optional so older servers still type-check. */
export type ConversationAi = {
  aiMode?: AiMode | null;
  effectiveAiMode?: AiMode;
  aiPausedReason?: "handoff" | "agent_reply" | null;
  needsHuman?: boolean;
  handoffReason?: string | null;
};

/** Keys start with the table whose realtime changes make them stale. */
export const aiKeys = {
  settings: ["ai_settings"] as const,
  drafts: (conversationId: string) => ["ai_drafts", conversationId] as const,
  notifications: ["notifications"] as const,
};

export const fetchAiSettings = (signal?: AbortSignal) => api<AiSettingsView>("/api/ai/settings", { signal });
export const saveAiSettings = (body: AiSettingsInput) =>
  api<AiSettingsView>("/api/ai/settings", { method: "PUT", body });

export const fetchPendingDraft = (conversationId: string, signal?: AbortSignal) =>
  api<{ drafts: Draft[] }>(`/api/ai/drafts?conversationId=${conversationId}&status=pending`, { signal }).then(
    (r) => r.drafts[0] ?? null,
  );
export const generateDraft = (conversationId: string) =>
  api<Draft>("/api/ai/drafts/generate", { method: "POST", body: { conversationId } });
export const approveDraft = (id: string, text: string) =>
  api<{ draft: Draft; message: unknown }>(`/api/ai/drafts/${id}/approve`, { method: "POST", body: { text } });
export const discardDraft = (id: string) => api<Draft>(`/api/ai/drafts/${id}/discard`, { method: "POST" });

export const fetchNotifications = (signal?: AbortSignal) =>
  api<{ notifications: Notification[]; unread: number }>("/api/notifications", { signal });
export const markNotificationsRead = (ids?: string[]) =>
  api<unknown>("/api/notifications/read", { method: "POST", body: ids ? { ids } : {} });

export type ConversationAiPatch = { aiMode?: AiMode | null; resumeAi?: true };
export const patchConversationAi = (id: string, body: ConversationAiPatch) =>
  api<ConversationAi>(`/api/messaging/conversations/${id}`, { method: "PATCH", body });
