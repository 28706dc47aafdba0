import { env } from "@/lib/env";

/**
 * The public origin: APP_URL when set (behind a proxy the request's own URL is the internal one),
 * else the origin the request came to.
 */
export function appUrl(req?: Request): string {
  const configured = env().APP_URL;
  if (configured) return configured.replace(/\/$/, "");
  if (!req) return `http://localhost:${env().PORT}`;
  return new URL(req.url).origin;
}
