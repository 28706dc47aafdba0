import { ApiError } from "@/lib/api/errors";
import { REFRESH_COOKIE } from "./cookies";
import { sessionResponse } from "./flows";
import { authProvider } from "./provider";
import { readCookie } from "./session";

/**
 * After the active organisation changed: a fresh session whose token names it. Bearer clients without
 * the refresh cookie get 204 and refresh with their own refresh token.
 */
export async function reissueFromRequest(req: Request) {
  const refresh = readCookie(req.headers.get("cookie"), REFRESH_COOKIE);
  if (!refresh) return new Response(null, { status: 204 });
  try {
    return sessionResponse(await authProvider().refresh(refresh));
  } catch {
    throw new ApiError("unauthorized", "session ended, sign in again");
  }
}
