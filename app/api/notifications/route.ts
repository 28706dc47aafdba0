import { orgRoute } from "@/lib/api/handler";
import { listNotifications, notificationsQuerySchema } from "@/lib/assistant/notifications";

/** The caller's and the organisation-wide notifications, newest first; ?unread=true for unread only. */
export const GET = orgRoute({ query: notificationsQuerySchema }, async ({ sql, orgId, query }) =>
  listNotifications(sql, orgId, query),
);
