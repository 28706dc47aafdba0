import { NextResponse } from "next/server";

/**
 * A redirect with a relative Location: behind a proxy or on another host name, req.url is the address the
 * server listens on, not the one the browser used, and its cookies would not follow an absolute redirect.
 */
export function redirectTo(pathWithQuery: string, status: 303 | 307 = 307) {
  return new NextResponse(null, { status, headers: { location: pathWithQuery } });
}

export const pathWithQuery = (path: string, query: Record<string, string>) => {
  const qs = new URLSearchParams(query).toString();
  return qs ? `${path}?${qs}` : path;
};
