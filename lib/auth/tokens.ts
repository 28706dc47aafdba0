import { SignJWT, jwtVerify, errors } from "jose";
import { ApiError } from "@/lib/api/errors";
import { secrets } from "@/lib/secrets";
import type { AccessClaims } from "./types";

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
const key = () => new TextEncoder().encode(secrets().jwtSecret);

/** HS256, with the claims Supabase Auth puts in its access tokens, plus the active organisation. */
export async function signAccessToken(input: {
  userId: string;
  email: string;
  sessionId: string;
  orgId?: string | null;
  ttlSeconds?: number;
}) {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + (input.ttlSeconds ?? ACCESS_TOKEN_TTL_SECONDS);
  const token = await new SignJWT({
    role: "authenticated",
    email: input.email,
    session_id: input.sessionId,
    aal: "aal1",
    is_anonymous: false,
    app_metadata: { provider: "email", providers: ["email"] },
    ...(input.orgId ? { org_id: input.orgId } : {}),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(input.userId)
    .setAudience("authenticated")
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(key());
  return { token, exp };
}

export async function verifyAccessToken(token: string): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, key(), { algorithms: ["HS256"], audience: "authenticated" });
    if (typeof payload.sub !== "string" || payload.role !== "authenticated") throw new Error("bad claims");
    return payload as unknown as AccessClaims;
  } catch (error) {
    const expired = error instanceof errors.JWTExpired;
    throw new ApiError("unauthorized", expired ? "session expired" : "invalid access token");
  }
}
