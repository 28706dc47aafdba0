import { beforeAll, expect, it } from "vitest";
import * as acceptRoute from "@/app/api/invitations/[token]/accept/route";
import * as previewRoute from "@/app/api/invitations/[token]/route";
import * as signup from "@/app/api/auth/signup/route";
import * as me from "@/app/api/me/route";
import * as orgSwitch from "@/app/api/orgs/switch/route";
import * as invitationItem from "@/app/api/team/invitations/[id]/route";
import * as invitations from "@/app/api/team/invitations/route";
import * as memberItem from "@/app/api/team/members/[userId]/route";
import * as members from "@/app/api/team/members/route";
import { describeEachDb } from "../helpers/db";
import { cookiesFrom, jsonRequest, params } from "../helpers/http";

type Session = { access_token: string; refresh_token: string; user: { id: string } };

async function signUp(email: string, extra: Record<string, string>) {
  const res = await signup.POST(
    jsonRequest("/api/auth/signup", { body: { email, password: "long enough", ...extra } }),
  );
  expect(res.status).toBe(201);
  return { session: (await res.json()) as Session, cookie: cookiesFrom(res) };
}

const tokenOf = (url: string) => new URL(url).pathname.split("/").pop()!;

describeEachDb("team and invitations", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let owner: Session;
  let rival: Session;

  beforeAll(async () => {
    owner = (await signUp(`owner-${tag}@example.com`, { name: "Olga", organizationName: "Stroy" })).session;
    rival = (await signUp(`rival-${tag}@example.com`, { name: "Rita", organizationName: "Rival" })).session;
  });

  it("invites by link; a new user signs up through it and joins as the invited role", async () => {
    const res = await invitations.POST(
      jsonRequest("/api/team/invitations", {
        token: owner.access_token,
        body: { email: `Ivan-${tag}@Example.com`, role: "agent" },
      }),
    );
    expect(res.status).toBe(201);
    const { url, invitation } = await res.json();
    expect(url).toMatch(/^http:\/\/localhost:3000\/invite\/[\w-]{20,}$/);
    expect(invitation.email).toBe(`ivan-${tag}@example.com`);

    const preview = await previewRoute.GET(jsonRequest(`/api/invitations/x`), params({ token: tokenOf(url) }));
    expect(await preview.json()).toEqual({
      org_name: "Stroy",
      email: `ivan-${tag}@example.com`,
      role: "agent",
      expired: false,
    });

    const ivan = await signUp(`ivan-${tag}@example.com`, { name: "Ivan", invitationToken: tokenOf(url) });
    const meRes = await me.GET(jsonRequest("/api/me", { token: ivan.session.access_token }));
    expect(await meRes.json()).toMatchObject({ organization: { name: "Stroy" }, role: "agent" });

    // Used once: the same link cannot bring in another account.
    const again = await signup.POST(
      jsonRequest("/api/auth/signup", {
        body: { email: `eve-${tag}@example.com`, password: "long enough", name: "Eve", invitationToken: tokenOf(url) },
      }),
    );
    expect(again.status).toBe(400);
  });

  it("an existing user accepts an invitation and switches between organisations", async () => {
    const res = await invitations.POST(
      jsonRequest("/api/team/invitations", {
        token: owner.access_token,
        body: { email: `rival-${tag}@example.com`, role: "viewer" },
      }),
    );
    const { url } = await res.json();
    const login = await signup.POST(
      jsonRequest("/api/auth/signup", {
        body: { email: `tmp-${tag}@example.com`, password: "long enough", name: "T", organizationName: "T" },
      }),
    );
    const cookie = cookiesFrom(login);
    const accepted = await acceptRoute.POST(
      jsonRequest(`/api/invitations/x/accept`, { method: "POST", cookie }),
      params({ token: tokenOf(url) }),
    );
    expect(accepted.status).toBe(200);
    const session: Session = await accepted.json();
    const now = await (await me.GET(jsonRequest("/api/me", { token: session.access_token }))).json();
    expect(now.organization.name).toBe("Stroy");
    expect(now.organizations.map((o: { name: string }) => o.name).sort()).toEqual(["Stroy", "T"]);

    const back = now.organizations.find((o: { name: string }) => o.name === "T");
    const switched = await orgSwitch.POST(
      jsonRequest("/api/orgs/switch", { cookie: cookiesFrom(accepted), body: { orgId: back.id } }),
    );
    const s2: Session = await switched.json();
    expect((await (await me.GET(jsonRequest("/api/me", { token: s2.access_token }))).json()).organization.name).toBe(
      "T",
    );

    // Not a member of Rival: switching there is refused.
    const rivalOrg = (await (await me.GET(jsonRequest("/api/me", { token: rival.access_token }))).json()).organization;
    const refused = await orgSwitch.POST(
      jsonRequest("/api/orgs/switch", { cookie: cookiesFrom(switched), body: { orgId: rivalOrg.id } }),
    );
    expect(refused.status).toBe(404);
  });

  it("admins change roles and remove members; the last owner stays; agents cannot manage the team", async () => {
    const list = await (await members.GET(jsonRequest("/api/team/members", { token: owner.access_token }))).json();
    const ivan = list.find((m: { full_name: string }) => m.full_name === "Ivan");
    expect(ivan.role).toBe("agent");

    const promote = await memberItem.PATCH(
      jsonRequest(`/api/team/members/${ivan.user_id}`, {
        method: "PATCH",
        token: owner.access_token,
        body: { role: "manager" },
      }),
      params({ userId: ivan.user_id }),
    );
    expect(promote.status).toBe(204);

    const demoteSelf = await memberItem.PATCH(
      jsonRequest(`/api/team/members/${owner.user.id}`, {
        method: "PATCH",
        token: owner.access_token,
        body: { role: "admin" },
      }),
      params({ userId: owner.user.id }),
    );
    expect(demoteSelf.status).toBe(400);
    expect((await demoteSelf.json()).error.message).toMatch(/at least one owner/);

    const badRole = await memberItem.PATCH(
      jsonRequest(`/api/team/members/${ivan.user_id}`, {
        method: "PATCH",
        token: owner.access_token,
        body: { role: "king" },
      }),
      params({ userId: ivan.user_id }),
    );
    expect(badRole.status).toBe(400);
    expect((await badRole.json()).error.message).toMatch(/role/);

    // The rival organisation's owner reaches none of this team.
    const foreign = await memberItem.DELETE(
      jsonRequest(`/api/team/members/${ivan.user_id}`, { method: "DELETE", token: rival.access_token }),
      params({ userId: ivan.user_id }),
    );
    expect(foreign.status).toBe(404);
    const foreignList = await (
      await members.GET(jsonRequest("/api/team/members", { token: rival.access_token }))
    ).json();
    expect(foreignList.map((m: { user_id: string }) => m.user_id)).not.toContain(ivan.user_id);

    const removed = await memberItem.DELETE(
      jsonRequest(`/api/team/members/${ivan.user_id}`, { method: "DELETE", token: owner.access_token }),
      params({ userId: ivan.user_id }),
    );
    expect(removed.status).toBe(204);
    const after = await (await members.GET(jsonRequest("/api/team/members", { token: owner.access_token }))).json();
    expect(after.map((m: { user_id: string }) => m.user_id)).not.toContain(ivan.user_id);
  });

  it("pending invitations are listed and revocable by admins only", async () => {
    const created = await (
      await invitations.POST(
        jsonRequest("/api/team/invitations", { token: owner.access_token, body: { email: `p-${tag}@example.com` } }),
      )
    ).json();
    const foreign = await invitationItem.DELETE(
      jsonRequest(`/api/team/invitations/${created.invitation.id}`, { method: "DELETE", token: rival.access_token }),
      params({ id: created.invitation.id }),
    );
    expect(foreign.status).toBe(404);
    const ok = await invitationItem.DELETE(
      jsonRequest(`/api/team/invitations/${created.invitation.id}`, { method: "DELETE", token: owner.access_token }),
      params({ id: created.invitation.id }),
    );
    expect(ok.status).toBe(204);
    const pending = await (
      await invitations.GET(jsonRequest("/api/team/invitations", { token: owner.access_token }))
    ).json();
    expect(pending.map((i: { id: string }) => i.id)).not.toContain(created.invitation.id);
  });
});
