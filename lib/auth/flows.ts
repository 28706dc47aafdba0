import { NextResponse } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { asService, withUser, type Claims } from "@/lib/db";
import { acceptInvitation, previewInvitation } from "@/lib/orgs/invitations";
import { createOrganization } from "@/lib/orgs/organizations";
import { clearSessionCookies, setSessionCookies } from "./cookies";
import { authProvider } from "./provider";
import type { AuthSession } from "./types";
import type { z } from "zod";
import type { signUpSchema } from "./types";

/** Answers as Supabase Auth does, and sets the session cookies for the browser. */
export function sessionResponse(session: AuthSession, status = 200) {
  const res = NextResponse.json(session, { status });
  setSessionCookies(res.cookies, session);
  return res;
}

export function signedOutResponse() {
  const res = new NextResponse(null, { status: 204 });
  clearSessionCookies(res.cookies);
  return res;
}

async function claimsOf(session: AuthSession): Promise<Claims> {
  return (await authProvider().verify(session.access_token)) as unknown as Claims;
}

/**
 * Sign-up: the user, then their organisation (a new one, or the one that invited them), then a session
 * whose token names that organisation.
 */
export async function signUp(input: z.infer<typeof signUpSchema>) {
  if (input.invitationToken) {
    // Checked before the user exists, so a dead link does not leave an account without an organisation.
    const invitation = await asService((sql) => previewInvitation(sql, input.invitationToken!));
    if (invitation.expired)
      throw new ApiError("bad_request", "invitationToken: the invitation has expired or was used");
  }
  const provider = authProvider();
  const first = await provider.signUp(input);
  const claims = await claimsOf(first);
  await withUser(claims, async (sql) => {
    // Before the organisation exists: its default pipeline is named in its creator's language.
    if (input.locale) await sql.query("update public.profiles set locale = $1 where id = auth.uid()", [input.locale]);
    if (input.invitationToken) await acceptInvitation(sql, input.invitationToken);
    else await createOrganization(sql, input.organizationName!);
  });
  return provider.refresh(first.refresh_token);
}
