import { orgRoute } from "@/lib/api/handler";

/** Whether the presented token (cookie or bearer) is valid and its session alive; echoes who it is. */
export const POST = orgRoute({}, async ({ principal, orgId, role }) => ({
  valid: true,
  user: principal.kind === "user" ? { id: principal.userId, email: principal.email } : null,
  api_key_id: principal.kind === "api_key" ? principal.apiKeyId : null,
  org_id: orgId,
  role,
}));
export const GET = POST;
