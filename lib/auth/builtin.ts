import { randomBytes, randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { ApiError } from "@/lib/api/errors";
import { asService, type Sql } from "@/lib/db";
import { signAccessToken, verifyAccessToken, ACCESS_TOKEN_TTL_SECONDS } from "./tokens";
import type { AuthProvider, AuthSession, AuthUser } from "./types";

// GoTrue's cost, so hashes move to Supabase Auth unchanged.
const BCRYPT_COST = 10;
// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync("not-a-real-password", BCRYPT_COST);
const INVALID_LOGIN = "Invalid email or password";
const REUSE_INTERVAL_SECONDS = 10;

type UserRow = {
  id: string;
  aud: string;
  role: string;
  email: string;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toAuthUser(u: UserRow): AuthUser {
  return {
    id: u.id,
    aud: u.aud,
    role: u.role,
    email: u.email,
    email_confirmed_at: iso(u.email_confirmed_at),
    app_metadata: u.raw_app_meta_data ?? {},
    user_metadata: u.raw_user_meta_data ?? {},
    created_at: iso(u.created_at)!,
    updated_at: iso(u.updated_at)!,
  };
}

async function issueSession(sql: Sql, user: UserRow, sessionId: string, parent?: string): Promise<AuthSession> {
  const refreshToken = randomBytes(24).toString("base64url");
  await sql.query(
    `insert into auth.refresh_tokens (token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ($1, $2, false, now(), now(), $3, $4)`,
    [refreshToken, user.id, parent ?? null, sessionId],
  );
  const [profile] = await sql.query<{ active_org_id: string | null }>(
    "select active_org_id from public.profiles where id = $1",
    [user.id],
  );
  const { token, exp } = await signAccessToken({
    userId: user.id,
    email: user.email,
    sessionId,
    orgId: profile?.active_org_id,
  });
  return {
    access_token: token,
    token_type: "bearer",
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    expires_at: exp,
    refresh_token: refreshToken,
    user: toAuthUser(user),
  };
}

async function startSession(sql: Sql, user: UserRow) {
  const sessionId = randomUUID();
  await sql.query("insert into auth.sessions (id, user_id, created_at, updated_at) values ($1, $2, now(), now())", [
    sessionId,
    user.id,
  ]);
  await sql.query("update auth.users set last_sign_in_at = now() where id = $1", [user.id]);
  return issueSession(sql, user, sessionId);
}

const USER_COLUMNS =
  "id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at";

/** Email and password in auth.users, as Supabase Auth keeps them; sessions and refresh tokens likewise. */
export const builtinAuth: AuthProvider = {
  name: "builtin",

  async signUp({ email, password, name }) {
    const hash = await bcrypt.hash(password, BCRYPT_COST);
    return asService(async (sql) => {
      const [user] = await sql.query<UserRow>(
        `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
           raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_sso_user, is_anonymous)
         values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, $3, now(),
           '{"provider":"email","providers":["email"]}', $4, now(), now(), false, false)
         on conflict do nothing
         returning ${USER_COLUMNS}`,
        [randomUUID(), email, hash, JSON.stringify({ name })],
      );
      if (!user) throw new ApiError("conflict", "An account with this email already exists");
      return startSession(sql, user);
    });
  },

  async signIn({ email, password }) {
    const user = await asService(async (sql) => {
      const [row] = await sql.query<UserRow>(
        `select ${USER_COLUMNS} from auth.users where email = $1 and deleted_at is null and is_sso_user = false`,
        [email],
      );
      return row;
    });
    const ok = await bcrypt.compare(password, user?.encrypted_password ?? DUMMY_HASH);
    if (!user || !ok) throw new ApiError("unauthorized", INVALID_LOGIN);
    return asService((sql) => startSession(sql, user));
  },

  async refresh(refreshToken) {
    const result = await asService(async (sql) => {
      const [row] = await sql.query<{
        id: string;
        revoked: boolean;
        session_id: string;
        user_id: string;
        recent: boolean;
      }>(
        `select id, revoked, session_id, user_id, updated_at > now() - make_interval(secs => $2) as recent
         from auth.refresh_tokens where token = $1 for update`,
        [refreshToken, REUSE_INTERVAL_SECONDS],
      );
      if (!row) return undefined;
      // Two tabs (or the proxy and a tab) refreshing at once present the same token moments apart: like
      // Supabase Auth's reuse interval, that is not a leak.
      if (row.revoked && !row.recent) {
        // A rotated token used again means it leaked: end the whole session (committed, then refused).
        await sql.query("delete from auth.sessions where id = $1", [row.session_id]);
        return undefined;
      }
      await sql.query("update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1", [row.id]);
      await sql.query("update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1", [
        row.session_id,
      ]);
      const [user] = await sql.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1`, [row.user_id]);
      return user && issueSession(sql, user, row.session_id, refreshToken);
    });
    if (!result) throw new ApiError("unauthorized", "invalid refresh token");
    return result;
  },

  async signOut(accessToken) {
    const claims = await verifyAccessToken(accessToken).catch(() => undefined);
    if (!claims?.session_id) return;
    await asService((sql) => sql.query("delete from auth.sessions where id = $1", [claims.session_id]));
  },

  verify: verifyAccessToken,
};
