import { z } from "zod";
import type { Op } from "@/lib/api/openapi";
import { channelSchema, createChannelSchema, updateChannelSchema } from "@/lib/channels/store";
import { mergeContactSchema, resolveSuggestionSchema } from "./contact-merge";
import { contactFieldSchema, createContactFieldSchema, updateContactFieldSchema } from "./contact-fields";
import { contactSchema, updateContactSchema } from "./contact-panel";
import { conversationDetailSchema, updateConversationSchema } from "./conversations";
import { inboxItemSchema, inboxPageSchema, inboxQuerySchema } from "./inbox";
import { messageSchema } from "./message-view";
import { messagesPageSchema, messagesQuerySchema } from "./messages";
import { sendMessageSchema } from "./outbox";
import { createTemplateSchema, syncTemplatesSchema, templateSchema, templatesQuerySchema } from "./templates";

// The inbox's part of /api/openapi.json, from the schemas its routes parse with.
export const inboxOperations: Op[] = [
  { method: "get", path: "/api/channels", summary: "Channels", tag: "channels", response: z.array(channelSchema) },
  {
    method: "post",
    path: "/api/channels",
    summary: "Connect a channel (secrets are write-only)",
    tag: "channels",
    body: createChannelSchema,
    response: channelSchema,
    status: 201,
  },
  { method: "get", path: "/api/channels/{id}", summary: "A channel", tag: "channels", response: channelSchema },
  {
    method: "patch",
    path: "/api/channels/{id}",
    summary: "Rename, reconfigure, replace secrets, enable or disable",
    tag: "channels",
    body: updateChannelSchema,
    response: channelSchema,
  },
  {
    method: "delete",
    path: "/api/channels/{id}",
    summary: "Remove a channel with its conversations",
    tag: "channels",
    status: 204,
  },
  {
    method: "post",
    path: "/api/channels/{id}/test",
    summary: "Check the credentials with the provider",
    tag: "channels",
    response: z.object({ ok: z.boolean(), detail: z.string(), channel: channelSchema }),
  },
  {
    method: "post",
    path: "/api/webhooks/{provider}/{channelId}",
    summary: "Provider webhook (signed by the provider)",
    tag: "webhooks",
    auth: false,
  },
  {
    method: "get",
    path: "/api/webhooks/{provider}/{channelId}",
    summary: "Provider handshake (Meta hub.challenge)",
    tag: "webhooks",
    auth: false,
  },
  {
    method: "get",
    path: "/api/messaging/inbox",
    summary: "Conversations, newest activity first (keyset cursor)",
    tag: "messaging",
    query: inboxQuerySchema,
    response: inboxPageSchema,
  },
  {
    method: "get",
    path: "/api/messaging/messages",
    summary: "A conversation's messages, newest first (`before` pages back)",
    tag: "messaging",
    query: messagesQuerySchema,
    response: messagesPageSchema,
  },
  {
    method: "post",
    path: "/api/messaging/send",
    summary: "Queue a reply (409: opted_out, window_closed, channel_disabled)",
    tag: "messaging",
    body: sendMessageSchema,
    response: messageSchema,
    status: 201,
  },
  {
    method: "patch",
    path: "/api/messaging/messages/{id}/read",
    summary: "Mark the conversation read up to this message",
    tag: "messaging",
    response: z.object({ conversationId: z.uuid(), unreadCount: z.number().int() }),
  },
  {
    method: "post",
    path: "/api/messaging/messages/{id}/resend",
    summary: "Send a failed message again",
    tag: "messaging",
    response: messageSchema,
  },
  {
    method: "get",
    path: "/api/messaging/conversations/{id}",
    summary: "A conversation with its contact panel",
    tag: "messaging",
    response: conversationDetailSchema,
  },
  {
    method: "patch",
    path: "/api/messaging/conversations/{id}",
    summary: "Status, assignee, read/unread",
    tag: "messaging",
    body: updateConversationSchema,
    response: inboxItemSchema,
  },
  { method: "get", path: "/api/contacts/{id}", summary: "A contact", tag: "contacts", response: contactSchema },
  {
    method: "patch",
    path: "/api/contacts/{id}",
    summary: "Name, phones, emails, company, custom fields, notes, tags, language",
    tag: "contacts",
    body: updateContactSchema,
    response: contactSchema,
  },
  {
    method: "get",
    path: "/api/contacts/fields",
    summary: "The organisation's custom contact fields",
    tag: "contacts",
    response: z.array(contactFieldSchema),
  },
  {
    method: "post",
    path: "/api/contacts/fields",
    summary: "Define a custom contact field (admins)",
    tag: "contacts",
    body: createContactFieldSchema,
    response: contactFieldSchema,
    status: 201,
  },
  {
    method: "patch",
    path: "/api/contacts/fields/{id}",
    summary: "Rename a custom field, change its options or position (admins)",
    tag: "contacts",
    body: updateContactFieldSchema,
    response: contactFieldSchema,
  },
  {
    method: "delete",
    path: "/api/contacts/fields/{id}",
    summary: "Remove a custom field and its values (admins)",
    tag: "contacts",
    status: 204,
  },
  {
    method: "post",
    path: "/api/contacts/{id}/merge",
    summary: "Merge another contact into this one",
    tag: "contacts",
    body: mergeContactSchema,
    response: contactSchema,
  },
  {
    method: "patch",
    path: "/api/contacts/merge-suggestions/{id}",
    summary: "Dismiss a suggested merge",
    tag: "contacts",
    body: resolveSuggestionSchema,
    status: 204,
  },
  {
    method: "get",
    path: "/api/messaging/templates",
    summary: "Message templates",
    tag: "messaging",
    query: templatesQuerySchema,
    response: z.array(templateSchema),
  },
  {
    method: "post",
    path: "/api/messaging/templates",
    summary: "Create a template (submitted for WhatsApp approval)",
    tag: "messaging",
    body: createTemplateSchema,
    response: templateSchema,
    status: 201,
  },
  {
    method: "post",
    path: "/api/messaging/templates/sync",
    summary: "Bring templates and their approval status from the provider",
    tag: "messaging",
    body: syncTemplatesSchema,
    response: z.array(templateSchema),
  },
];
