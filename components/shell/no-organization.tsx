"use client";

import { Building2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import { AuthHeading } from "@/components/auth/auth-heading";
import { FormAlert } from "@/components/auth/form-alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { api } from "@/lib/client/api";
import { hardNavigate } from "@/lib/client/session";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { REMOVED_FROM_KEY } from "./use-me";
import { signOut } from "./user-menu";

const noSubscription = () => () => {};

/** A user removed from their last organisation: start a new one, or leave. */
export function NoOrganization() {
  const t = useTranslations("shell");
  const errorMessage = useErrorMessage();
  const [name, setName] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  // Set by useMe when the organisation on screen dropped us; read once, so a reload shows the plain page.
  // Kept for this tab until an organisation is created: still true after a reload. Null on the server.
  const removedFrom = useSyncExternalStore(
    noSubscription,
    () => sessionStorage.getItem(REMOVED_FROM_KEY),
    () => null,
  );

  return (
    <>
      <Building2 className="mb-4 size-8 text-primary" aria-hidden />
      <AuthHeading
        title={removedFrom ? t("removedFrom", { organization: removedFrom }) : t("noOrg.title")}
        subtitle={removedFrom ? t("noOrg.removedBody") : t("noOrg.body")}
      />
      <form
        className="grid gap-4"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!name.trim()) return;
          setPending(true);
          try {
            await api("/api/orgs", { method: "POST", body: { name: name.trim() } });
            sessionStorage.removeItem(REMOVED_FROM_KEY);
            hardNavigate("/inbox");
          } catch (err) {
            setError(errorMessage(err));
            setPending(false);
          }
        }}
      >
        <Field label={t("org.name")} htmlFor="org-name">
          <Input
            id="org-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t("org.namePlaceholder")}
            autoFocus
          />
        </Field>
        <FormAlert message={error} />
        <Button type="submit" size="lg" loading={pending} disabled={!name.trim()}>
          {t("noOrg.submit")}
        </Button>
        <Button type="button" variant="ghost" onClick={() => void signOut()}>
          {t("user.signOut")}
        </Button>
      </form>
    </>
  );
}
