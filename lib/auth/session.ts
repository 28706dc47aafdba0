import { ApiError } from "@/lib/api/errors";
import type { Claims } from "@/lib/db";
import { API_KEY_PREFIX, authenticateApiKey } from "./api-keys";
import { ACCESS_COOKIE } from "./cookies";
import { verifyToken } from "./verify";
import type { MemberRole } from "./types";

export type Principal =
  | { kind: "user"; userId: string; email?: string; orgId?: string; claims: Claims }
  | { kind: "api_key"; apiKeyId: string; orgId: string; role: MemberRole; claims: Claims };

export function readCookie(header: string | null, name: string) {
  for (const part of header?.split(";") ?? []) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

/** The bearer token or session cookie a request carries, if any. */
export function requestToken(req: Request) {
  const auth = req.headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return auth.slice(7).trim();
  return readCookie(req.headers.get("cookie"), ACCESS_COOKIE);
}

/** Who is calling: a signed-in user (cookie or bearer access token) or an organisation's API key. */
export async function resolvePrincipal(req: Request): Promise<Principal> {
  const token = requestToken(req);
  if (!token) throw new ApiError("unauthorized", "sign in first");
  if (token.startsWith(API_KEY_PREFIX)) {
    const key = await authenticateApiKey(token);
    if (!key) throw new ApiError("unauthorized", "invalid or revoked API key");
    return {
      kind: "api_key",
      apiKeyId: key.id,
      orgId: key.org_id,
      role: key.role,
      claims: { role: "authenticated", org_id: key.org_id, api_key_id: key.id },
    };
  }
  const claims = await verifyToken(token);
  return {
    kind: "user",
    userId: claims.sub,
    email: claims.email,
    orgId: claims.org_id,
    claims: claims as unknown as Claims,
  };
}
