import { resolveMembership, toErrorResponse } from "@/lib/api/handler";
import { resolvePrincipal } from "@/lib/auth/session";
import { withUser } from "@/lib/db";
import { realtimeEventStream } from "@/lib/realtime/sse";

// A long-lived stream fed by a LISTEN connection: never cached, never on the edge.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Server-Sent Events of the caller's active organisation's changes (the embedded realtime path). */
export async function GET(req: Request) {
  try {
    const principal = await resolvePrincipal(req);
    const { orgId } = await withUser(principal.claims, (sql) => resolveMembership(sql, principal));
    const exp = principal.claims.exp;
    return await realtimeEventStream({
      orgId,
      signal: req.signal,
      userId: principal.kind === "user" ? principal.userId : undefined,
      expiresAt: typeof exp === "number" ? exp : undefined,
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
