import { cookies } from "next/headers";
import { GET as getMe } from "@/app/api/me/route";
import { ACCESS_COOKIE } from "@/lib/auth/cookies";
import type { Me } from "@/lib/client/types";

export type LoadedMe =
  { kind: "ok"; me: Me; expiresAt: number | null } | { kind: "signed-out" } | { kind: "no-organization" };

/** When the access token expires, read without verifying: only to schedule the refresh; the proxy verified it. */
function expiryOf(token: string | undefined) {
  try {
    const payload = JSON.parse(Buffer.from(token!.split(".")[1], "base64url").toString()) as { exp?: unknown };
    return typeof payload.exp === "number" ? payload.exp : null;
  } catch {
    return null;
  }
}

/**
 * The shell's data, through the same handler as GET /api/me (same checks, same RLS transaction) but
 * without an HTTP round trip, so the first paint already shows the right organisation and user.
 */
export async function loadMe(): Promise<LoadedMe> {
  const jar = await cookies();
  const cookie = jar
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join("; ");
  const res = await getMe(new Request("http://relay.internal/api/me", { headers: { cookie } }));
  if (res.status === 401) return { kind: "signed-out" };
  if (res.status === 403) return { kind: "no-organization" };
  if (!res.ok) throw new Error(`GET /api/me answered ${res.status}`);
  return { kind: "ok", me: (await res.json()) as Me, expiresAt: expiryOf(jar.get(ACCESS_COOKIE)?.value) };
}
