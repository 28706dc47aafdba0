"use client";

import type { z } from "zod";
import type { ContactView, updateContactSchema } from "@/lib/inbox/contact-panel";
import type { InboxItem } from "@/lib/inbox/inbox";
import type { MessageView } from "@/lib/inbox/message-view";
import type { TemplateView } from "@/lib/inbox/templates";
import { api, ApiRequestError } from "@/lib/client/api";
import { refreshSession } from "@/lib/client/session";

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
  label?: string;
  snoozed?: boolean;
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
  if (filters.label) params.set("label", filters.label);
  if (filters.snoozed) params.set("snoozed", "true");
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

export type ConversationPatch = {
  status?: ConversationStatus;
  assigneeId?: string | null;
  unread?: boolean;
  /** ISO time, or null to wake it now. */
  snoozedUntil?: string | null;
};
export const patchConversation = (id: string, body: ConversationPatch) =>
  api<InboxItem>(`/api/messaging/conversations/${id}`, { method: "PATCH", body });

export const markRead = (messageId: string) =>
  api<{ conversationId: string; unreadCount: number }>(`/api/messaging/messages/${messageId}/read`, {
    method: "PATCH",
  });

export type SendInput = {
  conversationId: string;
  text?: string;
  /** uploadId: a file from uploadFile (the server sends it, url is where members see it); else a public link. */
  media?: { url: string; mimeType?: string; fileName?: string; size?: number; uploadId?: string }[];
  templateId?: string;
  variables?: Record<string, string>;
};
export const sendMessage = (body: SendInput) => api<MessageView>("/api/messaging/send", { method: "POST", body });

export const resendMessage = (id: string) =>
  api<MessageView>(`/api/messaging/messages/${id}/resend`, { method: "POST" });

export type ContactPatch = z.input<typeof updateContactSchema>;
export const patchContact = (id: string, body: ContactPatch) =>
  api<ContactView>(`/api/contacts/${id}`, { method: "PATCH", body });

export type UploadView = { id: string; fileName: string; mimeType: string; size: number; url: string };
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

/** Multipart, so not through api() (JSON only); an expired session is refreshed once, as api() does. */
export async function uploadFile(file: File): Promise<UploadView> {
  const post = () => {
    const form = new FormData();
    form.set("file", file);
    return fetch("/api/messaging/uploads", { method: "POST", body: form, credentials: "same-origin" });
  };
  let res: Response;
  try {
    res = await post();
    if (res.status === 401 && (await refreshSession()) === "ok") res = await post();
  } catch {
    throw new ApiRequestError(0, "network", "network error");
  }
  if (!res.ok) {
    const json = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiRequestError(res.status, json?.error?.code ?? `http_${res.status}`, json?.error?.message ?? "");
  }
  return (await res.json()) as UploadView;
}
