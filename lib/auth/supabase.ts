import { createClient, type Session, type User } from "@supabase/supabase-js";
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import type { AccessClaims, AuthProvider, AuthSession, AuthUser } from "./types";

function client() {
  const { NEXT_PUBLIC_SUPABASE_URL, NEXT_PUBLIC_SUPABASE_ANON_KEY } = env();
  return createClient(NEXT_PUBLIC_SUPABASE_URL!, NEXT_PUBLIC_SUPABASE_ANON_KEY!, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}

const toUser = (u: User): AuthUser => ({
  id: u.id,
  aud: u.aud,
  role: u.role ?? "authenticated",
  email: u.email ?? "",
  email_confirmed_at: u.email_confirmed_at ?? null,
  app_metadata: u.app_metadata,
  user_metadata: u.user_metadata,
  created_at: u.created_at,
  updated_at: u.updated_at ?? u.created_at,
});

function toSession(session: Session | null, message: string): AuthSession {
  if (!session) throw new ApiError("unauthorized", message);
  return {
    access_token: session.access_token,
    token_type: "bearer",
    expires_in: session.expires_in,
    expires_at: session.expires_at ?? Math.floor(Date.now() / 1000) + session.expires_in,
    refresh_token: session.refresh_token,
    user: toUser(session.user),
  };
}

/** Supabase Auth: the same answers as the built-in provider; the org lives in profiles.active_org_id. */
export const supabaseAuth: AuthProvider = {
  name: "supabase",

  async signUp({ email, password, name }) {
    const { data, error } = await client().auth.signUp({ email, password, options: { data: { name } } });
    if (error) throw new ApiError(error.status === 422 ? "conflict" : "bad_request", error.message);
    return toSession(data.session, "confirm your email address, then sign in");
  },

  async signIn({ email, password }) {
    const { data, error } = await client().auth.signInWithPassword({ email, password });
    if (error) throw new ApiError("unauthorized", "Invalid email or password");
    return toSession(data.session, "Invalid email or password");
  },

  async refresh(refreshToken) {
    const { data, error } = await client().auth.refreshSession({ refresh_token: refreshToken });
    if (error) throw new ApiError("unauthorized", "invalid refresh token");
    return toSession(data.session, "invalid refresh token");
  },

  async signOut(accessToken) {
    await client()
      .auth.admin.signOut(accessToken)
      .catch(() => {});
  },

  async verify(accessToken) {
    // getClaims verifies asymmetric tokens locally with the project's JWKS and asks Auth otherwise.
    const { data, error } = await client().auth.getClaims(accessToken);
    if (error || !data) throw new ApiError("unauthorized", "invalid access token");
    return data.claims as unknown as AccessClaims;
  },
};
