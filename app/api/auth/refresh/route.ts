import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { publicRoute } from "@/lib/api/handler";
import { pathWithQuery, redirectTo } from "@/lib/api/redirect";
import { REFRESH_COOKIE, setSessionCookies } from "@/lib/auth/cookies";
import { sessionResponse } from "@/lib/auth/flows";
import { authProvider } from "@/lib/auth/provider";
import { readCookie } from "@/lib/auth/session";
import { refreshSchema } from "@/lib/auth/types";

const cookieToken = (req: Request) => readCookie(req.headers.get("cookie"), REFRESH_COOKIE);

/** Body `refresh_token` (as Supabase Auth takes it) or the refresh cookie. */
export const POST = publicRoute({ body: refreshSchema }, async ({ req, body }) => {
  const token = body.refresh_token ?? cookieToken(req);
  if (!token) throw new ApiError("unauthorized", "no refresh token");
  return sessionResponse(await authProvider().refresh(token));
});

const nextSchema = z.object({
  next: z
    .string()
    .regex(/^\/(?!\/)/, "must be a path on this site")
    .default("/"),
});

/** Pages whose access token expired are sent here by the proxy and back to where they were. */
export const GET = publicRoute({ query: nextSchema }, async ({ req, query }) => {
  const token = cookieToken(req);
  try {
    if (!token) throw new ApiError("unauthorized", "no refresh token");
    const res = redirectTo(req, query.next, 303);
    setSessionCookies(res.cookies, await authProvider().refresh(token));
    return res;
  } catch {
    const res = redirectTo(req, pathWithQuery("/sign-in", { next: query.next }), 303);
    res.cookies.delete(REFRESH_COOKIE);
    return res;
  }
});
