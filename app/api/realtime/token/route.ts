import { ApiError } from "@/lib/api/errors";
import { toErrorResponse } from "@/lib/api/handler";
import { requestToken, resolvePrincipal } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * The signed-in user's access token, for Supabase Realtime in the browser: the session cookie is httpOnly,
 * and Realtime checks RLS with this token. Only same-origin script can read it (no CORS), and only when
 * Supabase is configured; the embedded path never needs the token outside the cookie.
 */
export async function GET(req: Request) {
  try {
    if (!env().NEXT_PUBLIC_SUPABASE_URL) throw new ApiError("not_found", "realtime tokens are for Supabase Realtime");
    const principal = await resolvePrincipal(req);
    if (principal.kind !== "user") throw new ApiError("forbidden", "only for signed-in users");
    const exp = principal.claims.exp;
    return Response.json(
      { access_token: requestToken(req), expires_at: typeof exp === "number" ? exp : null },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
