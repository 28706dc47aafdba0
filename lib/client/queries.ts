import { api } from "./api";
import type { ApiKey, Invitation, Me, Member } from "./types";

/**
 * Query keys, named after the tables whose changes make them stale, so realtime events can invalidate by
 * table name.
 */
export const queryKeys = {
  me: ["me"] as const,
  members: ["memberships"] as const,
  invitations: ["invitations"] as const,
  apiKeys: ["api_keys"] as const,
};

export const fetchMe = () => api<Me>("/api/me");
export const fetchMembers = () => api<Member[]>("/api/team/members");
export const fetchInvitations = () => api<Invitation[]>("/api/team/invitations");
export const fetchApiKeys = () => api<ApiKey[]>("/api/api-keys");
