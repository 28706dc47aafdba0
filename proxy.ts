import { NextResponse, type NextRequest } from "next/server";
import { pathWithQuery, redirectTo } from "@/lib/api/redirect";
import { ACCESS_COOKIE, REFRESH_COOKIE } from "@/lib/auth/cookies";
import { verifyToken } from "@/lib/auth/verify";

// Open without a session: signing in, invitation previews, provider webhooks, health, the API description.
const PUBLIC_PAGES = [/^\/sign-in$/, /^\/sign-up$/, /^\/invite\/[^/]+$/];
const PUBLIC_APIS = [
  /^\/api\/auth\//,
  /^\/api\/health$/,
  /^\/api\/invitations\/[^/]+$/,
  /^\/api\/webhooks\//,
  /^\/api\/media\/[^/]+$/,
  /^\/api\/openapi\.json$/,
];

/**
 * The first gate: requests without a usable session are turned away before any page renders. Route
 * handlers verify again and RLS decides what the session may touch; this only spares work and redirects.
 */
export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const isApi = pathname.startsWith("/api/");
  if ((isApi ? PUBLIC_APIS : PUBLIC_PAGES).some((re) => re.test(pathname))) return NextResponse.next();

  const bearer = req.headers.get("authorization");
  if (isApi && bearer?.toLowerCase().startsWith("bearer ")) return NextResponse.next();

  const token = req.cookies.get(ACCESS_COOKIE)?.value;
  const valid = token
    ? await verifyToken(token).then(
        () => true,
        () => false,
      )
    : false;
  if (valid) return NextResponse.next();

  if (isApi) {
    return NextResponse.json(
      { error: { code: "unauthorized", message: token ? "session expired" : "sign in first" } },
      { status: 401 },
    );
  }
  const back = pathname + search;
  if (req.cookies.get(REFRESH_COOKIE)) {
    // The page survives an expired access token: refresh, then come straight back.
    return redirectTo(req, pathWithQuery("/api/auth/refresh", { next: back }));
  }
  return redirectTo(req, pathWithQuery("/sign-in", back === "/" ? {} : { next: back }));
}

// Provider webhooks (and the benchmark's routes) never pass through: they carry no session, and running the proxy
// costs every delivery a second request object and a copy of its body stream (about half of Next.js's
// per-request work on a busy webhook).
export const config = {
  matcher: [
    "/((?!_next/static|_next/image|api/webhooks/|api/bench/|favicon.ico|.*\\.(?:png|svg|jpg|ico|webp|mp3|ogg)$).*)",
  ],
};
