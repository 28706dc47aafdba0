import { SignJWT } from "jose";
import { expect, it } from "vitest";
import * as apiKeyItem from "@/app/api/api-keys/[id]/route";
import * as apiKeys from "@/app/api/api-keys/route";
import * as refresh from "@/app/api/auth/refresh/route";
import * as signin from "@/app/api/auth/signin/route";
import * as signout from "@/app/api/auth/signout/route";
import * as signup from "@/app/api/auth/signup/route";
import * as verify from "@/app/api/auth/verify/route";
import * as me from "@/app/api/me/route";
import { signAccessToken } from "@/lib/auth/tokens";
import { asService } from "@/lib/db";
import { describeEachDb } from "../helpers/db";
import { cookiesFrom, jsonRequest, params } from "../helpers/http";

type Session = { access_token: string; refresh_token: string; expires_in: number; user: { id: string; email: string } };

describeEachDb("auth", () => {
  const email = `ana-${Date.now()}@example.com`;
  let session: Session;

  it("signs up: user with a bcrypt hash as Supabase keeps it, an organisation owned by the user, a session", async () => {
    const res = await signup.POST(
      jsonRequest("/api/auth/signup", {
        body: { email: email.toUpperCase(), password: "correct horse", name: "Ana", organizationName: "Acme" },
      }),
    );
    expect(res.status).toBe(201);
    session = await res.json();
    expect(session).toMatchObject({ token_type: "bearer", expires_in: 3600, user: { email } });
    expect(res.headers.getSetCookie().join()).toMatch(/relay-access-token=.+HttpOnly/i);

    const [user] = await asService((sql) =>
      sql.query<{ encrypted_password: string }>("select encrypted_password from auth.users where email = $1", [email]),
    );
    expect(user.encrypted_password).toMatch(/^\$2[aby]\$10\$/);

    const meRes = await me.GET(jsonRequest("/api/me", { token: session.access_token }));
    expect(meRes.status).toBe(200);
    expect(await meRes.json()).toMatchObject({ role: "owner", organization: { name: "Acme" } });
  });

  it("rejects an invalid body naming the field, and a second account with the same email", async () => {
    const bad = await signup.POST(
      jsonRequest("/api/auth/signup", { body: { email: "x@example.com", password: "short" } }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/password/);
    const dup = await signup.POST(
      jsonRequest("/api/auth/signup", { body: { email, password: "another pass", name: "B", organizationName: "B" } }),
    );
    expect(dup.status).toBe(409);
  });

  it("signs in; a wrong password and an unknown email get the same answer", async () => {
    const ok = await signin.POST(jsonRequest("/api/auth/signin", { body: { email, password: "correct horse" } }));
    expect(ok.status).toBe(200);
    const wrong = await signin.POST(jsonRequest("/api/auth/signin", { body: { email, password: "wrong horse" } }));
    const unknown = await signin.POST(
      jsonRequest("/api/auth/signin", { body: { email: "nobody@example.com", password: "wrong horse" } }),
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("rejects expired and tampered tokens", async () => {
    const expired = await signAccessToken({
      userId: session.user.id,
      email,
      sessionId: "00000000-0000-0000-0000-000000000000",
      ttlSeconds: -10,
    });
    const r1 = await verify.POST(jsonRequest("/api/auth/verify", { method: "POST", token: expired.token }));
    expect(r1.status).toBe(401);
    expect((await r1.json()).error.message).toBe("session expired");

    const [h, p, s] = session.access_token.split(".");
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: "11111111-1111-1111-1111-111111111111" })).toString(
      "base64url",
    );
    const r2 = await verify.POST(jsonRequest("/api/auth/verify", { method: "POST", token: `${h}.${forged}.${s}` }));
    expect(r2.status).toBe(401);

    const otherKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode("another-secret-another-secret-another-secret"));
    expect((await verify.POST(jsonRequest("/api/auth/verify", { method: "POST", token: otherKey }))).status).toBe(401);

    const good = await verify.POST(jsonRequest("/api/auth/verify", { method: "POST", token: session.access_token }));
    expect(good.status).toBe(200);
  });

  it("refreshes with rotation: the new token works; the old one is refused after the reuse interval and ends the session", async () => {
    const res = await refresh.POST(
      jsonRequest("/api/auth/refresh", { body: { refresh_token: session.refresh_token } }),
    );
    expect(res.status).toBe(200);
    const next: Session = await res.json();
    expect(next.refresh_token).not.toBe(session.refresh_token);
    expect((await me.GET(jsonRequest("/api/me", { token: next.access_token }))).status).toBe(200);

    // Two tabs refreshing at once: the same token moments later still works.
    const twin = await refresh.POST(
      jsonRequest("/api/auth/refresh", { body: { refresh_token: session.refresh_token } }),
    );
    expect(twin.status).toBe(200);

    await asService((sql) =>
      sql.query("update auth.refresh_tokens set updated_at = now() - interval '11 seconds' where token = $1", [
        session.refresh_token,
      ]),
    );
    const again = await refresh.POST(
      jsonRequest("/api/auth/refresh", { body: { refresh_token: session.refresh_token } }),
    );
    expect(again.status).toBe(401);
    // Reuse of a rotated token ends the session, so even the newest access token stops working.
    expect((await me.GET(jsonRequest("/api/me", { token: next.access_token }))).status).toBe(401);
  });

  it("signs out: cookies cleared, the session's tokens stop working", async () => {
    const login = await signin.POST(jsonRequest("/api/auth/signin", { body: { email, password: "correct horse" } }));
    const s: Session = await login.json();
    const cookie = cookiesFrom(login);
    expect((await me.GET(jsonRequest("/api/me", { cookie }))).status).toBe(200);
    const out = await signout.POST(jsonRequest("/api/auth/signout", { method: "POST", cookie }));
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/relay-access-token=;/);
    expect((await me.GET(jsonRequest("/api/me", { token: s.access_token }))).status).toBe(401);
    const r = await refresh.POST(jsonRequest("/api/auth/refresh", { body: { refresh_token: s.refresh_token } }));
    expect(r.status).toBe(401);
  });

  it("an API key authenticates as its organisation until revoked", async () => {
    const login = await signin.POST(jsonRequest("/api/auth/signin", { body: { email, password: "correct horse" } }));
    const { access_token } = (await login.json()) as Session;
    const created = await apiKeys.POST(jsonRequest("/api/api-keys", { body: { name: "Zapier" }, token: access_token }));
    expect(created.status).toBe(201);
    const { key, secret } = await created.json();
    expect(secret).toMatch(/^rk_/);

    const list = await (await apiKeys.GET(jsonRequest("/api/api-keys", { token: access_token }))).json();
    expect(JSON.stringify(list)).not.toContain(secret);

    const asKey = await me.GET(jsonRequest("/api/me", { token: secret }));
    expect(asKey.status).toBe(200);
    expect(await asKey.json()).toMatchObject({ organization: { name: "Acme" }, role: "admin" });

    const revoked = await apiKeyItem.DELETE(
      jsonRequest(`/api/api-keys/${key.id}`, { method: "DELETE", token: access_token }),
      params({ id: key.id }),
    );
    expect(revoked.status).toBe(200);
    expect((await me.GET(jsonRequest("/api/me", { token: secret }))).status).toBe(401);
    expect((await me.GET(jsonRequest("/api/me", { token: "rk_not-a-key" }))).status).toBe(401);
  });
});
