import { NextResponse } from "next/server";
import { appUrl } from "@/lib/app-url";

/** A redirect to a path on the host the browser used, so its cookies follow. */
export function redirectTo(req: Request, pathWithQuery: string, status: 303 | 307 = 307) {
  return NextResponse.redirect(new URL(pathWithQuery, appUrl(req)), status);
}

export const pathWithQuery = (path: string, query: Record<string, string>) => {
  const qs = new URLSearchParams(query).toString();
  return qs ? `${path}?${qs}` : path;
};
