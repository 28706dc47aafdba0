"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { forgetSession, hardNavigate } from "@/lib/client/session";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { FormAlert } from "./form-alert";
import { SignUpForm } from "./sign-up-form";

export function InviteActions({
  token,
  orgName,
  invitedEmail,
  signedInEmail,
  signInHref,
}: {
  token: string;
  orgName: string;
  invitedEmail: string;
  signedInEmail: string | null;
  signInHref: string;
}) {
  const t = useTranslations("invite");
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const [pending, setPending] = useState<"accept" | "switch">();
  const [error, setError] = useState<string>();

  if (signedInEmail === null) {
    return (
      <>
        <SignUpForm invitationToken={token} email={invitedEmail} next="/inbox" submitLabel={t("submit")} />
        <p className="mt-5 text-center text-sm text-muted-foreground">
          {t("haveAccount")}{" "}
          <Link href={signInHref} className="font-medium text-primary hover:underline">
            {t("signInToAccept")}
          </Link>
        </p>
      </>
    );
  }

  const accept = async () => {
    setPending("accept");
    setError(undefined);
    try {
      await api(`/api/invitations/${encodeURIComponent(token)}/accept`, { method: "POST" });
      hardNavigate("/inbox");
    } catch (e) {
      setError(errorMessage(e));
      setPending(undefined);
    }
  };

  const useAnotherAccount = async () => {
    setPending("switch");
    await api("/api/auth/signout", { method: "POST", session: false }).catch(() => undefined);
    forgetSession();
    router.refresh();
    setPending(undefined);
  };

  const sameEmail = signedInEmail.toLowerCase() === invitedEmail.toLowerCase();
  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">
        {t("signedInAs", { email: signedInEmail })} {!sameEmail && t("differentEmail", { email: invitedEmail })}
      </p>
      <FormAlert message={error} />
      <Button size="lg" className="w-full" loading={pending === "accept"} disabled={!!pending} onClick={accept}>
        {t("accept", { org: orgName })}
      </Button>
      <Button variant="ghost" loading={pending === "switch"} disabled={!!pending} onClick={useAnotherAccount}>
        {t("useAnotherAccount")}
      </Button>
    </div>
  );
}
