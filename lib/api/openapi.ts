import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { apiKeySchema, createApiKeySchema } from "@/lib/auth/api-keys";
import { authSessionSchema, refreshSchema, signInSchema, signUpSchema } from "@/lib/auth/types";
import { createInvitationSchema, invitationPreviewSchema, invitationSchema } from "@/lib/orgs/invitations";
import { changeRoleSchema, memberSchema } from "@/lib/orgs/members";
import {
  createOrganizationSchema,
  myOrganizationSchema,
  organizationSchema,
  switchOrganizationSchema,
} from "@/lib/orgs/organizations";
import { profileSchema, updateProfileSchema } from "@/lib/orgs/profile";
import { errorBodySchema } from "./errors";
import { inboxOperations } from "@/lib/inbox/api-operations";
import { workdayOperations } from "@/lib/inbox/workday-operations";
import { dialogsOperations } from "@/lib/dialogs/api-operations";
import { assistantOperations } from "@/lib/assistant/api-operations";
import { crmOperations } from "@/lib/crm/api-operations";
import { pipelineOperations } from "@/lib/pipeline/api-operations";
import { tasksOperations } from "@/lib/tasks/api-operations";
import { automationOperations } from "@/lib/automation/api-operations";
import { retailcrmOperations } from "@/lib/retailcrm/api-operations";
import { telephonyOperations } from "@/lib/telephony/api-operations";
import { analyticsOperations } from "@/lib/analytics/api-operations";
import { exportsOperations } from "@/lib/export/api-operations";

export type Op = {
  method: RouteConfig["method"];
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  /** Query parameters, from the schema the route parses them with. */
  query?: z.ZodObject;
  response?: z.ZodType;
  status?: number;
  auth?: boolean;
};

// The document is made from the same zod schemas the routes validate with, so it cannot drift from them.
const operations: Op[] = [
  {
    method: "post",
    path: "/api/auth/signup",
    summary: "Sign up (new organisation or invitation)",
    tag: "auth",
    body: signUpSchema,
    response: authSessionSchema,
    status: 201,
    auth: false,
  },
  {
    method: "post",
    path: "/api/auth/signin",
    summary: "Sign in",
    tag: "auth",
    body: signInSchema,
    response: authSessionSchema,
    auth: false,
  },
  {
    method: "post",
    path: "/api/auth/refresh",
    summary: "Rotate the refresh token",
    tag: "auth",
    body: refreshSchema,
    response: authSessionSchema,
    auth: false,
  },
  { method: "post", path: "/api/auth/verify", summary: "Check a token", tag: "auth" },
  { method: "post", path: "/api/auth/signout", summary: "End the session", tag: "auth", status: 204, auth: false },
  { method: "get", path: "/api/me", summary: "Profile, active organisation and role", tag: "me" },
  {
    method: "patch",
    path: "/api/me",
    summary: "Change name or language",
    tag: "me",
    body: updateProfileSchema,
    response: profileSchema,
  },
  {
    method: "get",
    path: "/api/orgs",
    summary: "My organisations",
    tag: "organisations",
    response: z.array(myOrganizationSchema),
  },
  {
    method: "post",
    path: "/api/orgs",
    summary: "Create an organisation",
    tag: "organisations",
    body: createOrganizationSchema,
    response: organizationSchema,
  },
  {
    method: "post",
    path: "/api/orgs/switch",
    summary: "Switch the active organisation",
    tag: "organisations",
    body: switchOrganizationSchema,
    response: authSessionSchema,
  },
  { method: "get", path: "/api/team/members", summary: "Members", tag: "team", response: z.array(memberSchema) },
  {
    method: "patch",
    path: "/api/team/members/{userId}",
    summary: "Change a member's role",
    tag: "team",
    body: changeRoleSchema,
    status: 204,
  },
  { method: "delete", path: "/api/team/members/{userId}", summary: "Remove a member", tag: "team", status: 204 },
  {
    method: "get",
    path: "/api/team/invitations",
    summary: "Pending invitations",
    tag: "team",
    response: z.array(invitationSchema),
  },
  {
    method: "post",
    path: "/api/team/invitations",
    summary: "Invite by link",
    tag: "team",
    body: createInvitationSchema,
    response: z.object({ invitation: invitationSchema, url: z.url() }),
    status: 201,
  },
  { method: "delete", path: "/api/team/invitations/{id}", summary: "Revoke an invitation", tag: "team", status: 204 },
  {
    method: "get",
    path: "/api/invitations/{token}",
    summary: "What an invitation is for",
    tag: "team",
    response: invitationPreviewSchema,
    auth: false,
  },
  {
    method: "post",
    path: "/api/invitations/{token}/accept",
    summary: "Join through an invitation",
    tag: "team",
    response: authSessionSchema,
  },
  { method: "get", path: "/api/api-keys", summary: "API keys", tag: "api keys", response: z.array(apiKeySchema) },
  {
    method: "post",
    path: "/api/api-keys",
    summary: "Create an API key (secret shown once)",
    tag: "api keys",
    body: createApiKeySchema,
    response: z.object({ key: apiKeySchema, secret: z.string() }),
    status: 201,
  },
  {
    method: "delete",
    path: "/api/api-keys/{id}",
    summary: "Revoke an API key",
    tag: "api keys",
    response: apiKeySchema,
  },
  { method: "get", path: "/api/health", summary: "Liveness and database kind", tag: "system", auth: false },
  ...inboxOperations,
  ...workdayOperations,
  ...dialogsOperations,
  ...assistantOperations,
  ...crmOperations,
  ...pipelineOperations,
  ...tasksOperations,
  ...automationOperations,
  ...retailcrmOperations,
  ...telephonyOperations,
  ...analyticsOperations,
  ...exportsOperations,
];

export function openApiDocument(serverUrl: string) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An access token from /api/auth/signin, or an organisation API key (rk_…)",
  });
  for (const op of operations) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    registry.registerPath({
      method: op.method,
      path: op.path,
      summary: op.summary,
      tags: [op.tag],
      security: op.auth === false ? [] : [{ [bearer.name]: [] }],
      request: {
        params: params.length ? z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) : undefined,
        query: op.query,
        body: op.body ? { content: { "application/json": { schema: op.body } } } : undefined,
      },
      responses: {
        [op.status ?? 200]: {
          description: "OK",
          content: op.response ? { "application/json": { schema: op.response } } : undefined,
        },
        default: { description: "Error", content: { "application/json": { schema: errorBodySchema } } },
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "Relay CRM API", version: "1" },
    servers: [{ url: serverUrl }],
  });
}
