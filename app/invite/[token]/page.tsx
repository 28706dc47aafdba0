import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthFrame } from "@/components/auth/auth-frame";
import { AuthHeading } from "@/components/auth/auth-heading";
import { InviteActions } from "@/components/auth/invite-actions";
import { InviteProblem } from "@/components/auth/invite-problem";
import { Badge } from "@/components/ui/badge";
import { ApiError } from "@/lib/api/errors";
import { ACCESS_COOKIE, REFRESH_COOKIE } from "@/lib/auth/cookies";
import { verifyToken } from "@/lib/auth/verify";
import { asService } from "@/lib/db";
import { previewInvitation } from "@/lib/orgs/invitations";

export const metadata: Metadata = { robots: { index: false } };

async function preview(token: string) {
  try {
    return await asService((sql) => previewInvitation(sql, token));
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") return null;
    throw error;
  }
}

/** Who is signed in, if anyone; an expired token is refreshed first so the invitee is not asked to sign in again. */
async function signedInEmail(path: string) {
  const jar = await cookies();
  const token = jar.get(ACCESS_COOKIE)?.value;
  if (token) {
    const claims = await verifyToken(token).catch(() => null);
    if (claims) return claims.email ?? "";
  }
  if (jar.get(REFRESH_COOKIE)) redirect(`/api/auth/refresh?next=${encodeURIComponent(path)}`);
  return null;
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const path = `/invite/${encodeURIComponent(token)}`;
  const [invitation, email, t, tRoles] = await Promise.all([
    preview(token),
    signedInEmail(path),
    getTranslations("invite"),
    getTranslations("roles"),
  ]);

  if (!invitation || invitation.expired) {
    return (
      <AuthFrame signedIn={email !== null}>
        <InviteProblem kind={invitation ? "expired" : "notFound"} signedIn={email !== null} />
      </AuthFrame>
    );
  }

  const role = tRoles(invitation.role);
  return (
    <AuthFrame signedIn={email !== null}>
      <Badge tone="primary" className="mb-4 w-fit">
        {t("sentTo", { email: invitation.email })}
      </Badge>
      <AuthHeading title={t("title", { org: invitation.org_name })} subtitle={t("invitedAs", { role })} />
      <InviteActions
        token={token}
        orgName={invitation.org_name}
        invitedEmail={invitation.email}
        signedInEmail={email}
        signInHref={`/sign-in?next=${encodeURIComponent(path)}&email=${encodeURIComponent(invitation.email)}`}
      />
    </AuthFrame>
  );
}
