import { env } from "@/lib/env";

/**
 * The public origin: APP_URL when set; else the host the browser used (the Host header — req.url is the
 * address the server listens on, which is not where the browser's cookies live).
 */
export function appUrl(req?: Pick<Request, "url" | "headers">): string {
  const configured = env().APP_URL;
  if (configured) return configured.replace(/\/$/, "");
  if (!req) return `http://localhost:${env().PORT}`;
  const url = new URL(req.url);
  const host = req.headers.get("host");
  return host ? `${url.protocol}//${host}` : url.origin;
}
