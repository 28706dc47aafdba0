"use client";

import type { ContactView } from "@/lib/inbox/contact-panel";
import type { InboxItem } from "@/lib/inbox/inbox";
import type { MessageView } from "@/lib/inbox/message-view";
import type { TemplateView } from "@/lib/inbox/templates";
import { api } from "@/lib/client/api";

export type { ContactView, InboxItem, MessageView, TemplateView };
export type ConversationDetail = Omit<InboxItem, "contact"> & { contact: ContactView };
export type InboxPage = { items: InboxItem[]; nextCursor: string | null };
export type MessagesPage = { items: MessageView[]; nextCursor: string | null };
export type ConversationStatus = InboxItem["status"];

export type InboxFilters = {
  status?: ConversationStatus;
  channel?: string;
  assignee?: "me" | "unassigned";
  unread?: boolean;
  q?: string;
};

/** Keys start with the table whose realtime changes make them stale (see components/shell/live-updates.ts). */
export const inboxKeys = {
  lists: ["conversations", "list"] as const,
  list: (filters: InboxFilters) => ["conversations", "list", filters] as const,
  detail: (id: string) => ["conversations", "detail", id] as const,
  messages: (conversationId: string) => ["messages", conversationId] as const,
  templates: (channelId: string) => ["message_templates", channelId] as const,
};

export const PAGE_SIZE = 30;

export function fetchInbox(filters: InboxFilters, cursor: string | undefined, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filters.status) params.set("status", filters.status);
  if (filters.channel) params.set("channel", filters.channel);
  if (filters.assignee) params.set("assignee", filters.assignee);
  if (filters.unread) params.set("unread", "true");
  if (filters.q) params.set("q", filters.q);
  if (cursor) params.set("cursor", cursor);
  return api<InboxPage>(`/api/messaging/inbox?${params}`, { signal });
}

export const fetchConversation = (id: string, signal?: AbortSignal) =>
  api<ConversationDetail>(`/api/messaging/conversations/${id}`, { signal });

export function fetchMessages(conversationId: string, before: string | undefined, signal?: AbortSignal) {
  const params = new URLSearchParams({ conversationId, limit: "40" });
  if (before) params.set("before", before);
  return api<MessagesPage>(`/api/messaging/messages?${params}`, { signal });
}

export const fetchTemplates = (channelId: string) =>
  api<TemplateView[]>(`/api/messaging/templates?channelId=${channelId}`);

export const syncTemplates = (channelId: string) =>
  api<TemplateView[]>("/api/messaging/templates/sync", { method: "POST", body: { channelId } });

export type ConversationPatch = { status?: ConversationStatus; assigneeId?: string | null; unread?: boolean };
export const patchConversation = (id: string, body: ConversationPatch) =>
  api<InboxItem>(`/api/messaging/conversations/${id}`, { method: "PATCH", body });

export const markRead = (messageId: string) =>
  api<{ conversationId: string; unreadCount: number }>(`/api/messaging/messages/${messageId}/read`, {
    method: "PATCH",
  });

export type SendInput = {
  conversationId: string;
  text?: string;
  media?: { url: string; mimeType?: string; fileName?: string }[];
  templateId?: string;
  variables?: Record<string, string>;
};
export const sendMessage = (body: SendInput) => api<MessageView>("/api/messaging/send", { method: "POST", body });

export const resendMessage = (id: string) =>
  api<MessageView>(`/api/messaging/messages/${id}/resend`, { method: "POST" });

export type ContactPatch = { name?: string; notes?: string; tags?: string[] };
export const patchContact = (id: string, body: ContactPatch) =>
  api<ContactView>(`/api/contacts/${id}`, { method: "PATCH", body });
