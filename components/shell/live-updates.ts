"use client";

import { queryKeys } from "@/lib/client/queries";
import { useRealtimeInvalidate } from "@/lib/realtime/use-realtime";

/**
 * The one place the UI subscribes to realtime changes: lists and "me" (my role may change under me) refetch
 * when a colleague changes the team, invitations or API keys, and the inbox follows its conversations,
 * messages, contacts, channels and templates. Query keys start with the table name (components/inbox/inbox-api.ts).
 * Returns the connection status for a "Live" dot.
 */
export function useLiveUpdates(orgId: string) {
  return useRealtimeInvalidate(orgId, {
    memberships: [queryKeys.me, queryKeys.members],
    invitations: [queryKeys.invitations],
    api_keys: [queryKeys.apiKeys],
    channels: [["channels"]],
    conversations: [["conversations"]],
    messages: [["messages"]],
    // The contact panel is part of a conversation's detail.
    contacts: [["conversations", "detail"], ["contacts"]],
    contact_fields: [["contact_fields"], ["conversations", "detail"]],
    message_templates: [["message_templates"]],
    // The inbox's working day: saved replies, notes, labels (also on the list's rows), who is here.
    canned_responses: [["canned_responses"]],
    conversation_notes: [["conversation_notes"]],
    labels: [["labels"], ["conversations"]],
    agent_presence: [["agent_presence"]],
    // The assistant: leads (Leads page, contact panel), drafts in the composer, the bell, Settings → AI.
    leads: [["leads"]],
    ai_drafts: [["ai_drafts"]],
    notifications: [["notifications"]],
    ai_settings: [["ai_settings"]],
    // Settings → AI's quota banner; an Evolution import's state on its channel (components/channels/channel-import).
    ai_provider_status: [["ai_provider_status"]],
    jobs: [["channel-import"]],
    // The pipeline: the board (its key starts with "deals") follows its cards and columns.
    pipelines: [["pipelines"], ["deals"]],
    stages: [["pipelines"], ["deals"]],
    deals: [["deals"], ["contacts", "detail"]],
    // The AI's stage suggestion on a card, and the list a "lost" move asks from (the board, its settings).
    deal_suggestions: [["deals"]],
    lost_reasons: [["lost_reasons"]],
    // The Contacts and Companies pages (components/contacts).
    companies: [["companies"], ["contacts"]],
    // My tasks, the task panels, the week view (components/tasks/tasks-api.ts).
    tasks: [["tasks"]],
    appointments: [["appointments"]],
    // Automations: a rule's switch and when it last fired.
    automation_rules: [["automation_rules"]],
  });
}
