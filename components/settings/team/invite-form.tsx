"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link2, Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { isEmail } from "@/components/auth/use-auth-form";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/queries";
import { grantableRoles, type Invitation, type Role } from "@/lib/client/types";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { RoleSelect } from "../role-select";
import { Card } from "../section";
import { useDates } from "../use-dates";

type Created = { invitation: Invitation; url: string };

/** Email and role in, a link out: shown here (once) with a Copy button, for the admin to send in any messenger. */
export function InviteForm() {
  const t = useTranslations("settings.team");
  const tErrors = useTranslations("errors");
  const tRoles = useTranslations("roles");
  const tCommon = useTranslations("common");
  const errorMessage = useErrorMessage();
  const dates = useDates();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("agent");
  const [invalid, setInvalid] = useState(false);
  const [created, setCreated] = useState<Created>();

  const invite = useMutation({
    mutationFn: (body: { email: string; role: Role }) =>
      api<Created>("/api/team/invitations", { method: "POST", body }),
    onSuccess: (result) => {
      setCreated(result);
      setEmail("");
      toast.success(t("inviteReady", { email: result.invitation.email }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.invitations });
    },
    onError: (error) => toast.error(errorMessage(error)),
  });

  return (
    <Card>
      <form
        noValidate
        className="grid gap-3 p-4 sm:grid-cols-[minmax(0,1fr)_12rem_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          if (!isEmail(email)) return setInvalid(true);
          setInvalid(false);
          invite.mutate({ email: email.trim(), role });
        }}
      >
        <div className="grid gap-1.5">
          <Label htmlFor="invite-email">{t("email")}</Label>
          <Input
            id="invite-email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            placeholder={t("emailPlaceholder")}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? "invite-email-error" : undefined}
            autoComplete="off"
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="invite-role">{t("role")}</Label>
          <RoleSelect id="invite-role" value={role} onChange={setRole} roles={grantableRoles} />
        </div>
        <Button type="submit" loading={invite.isPending}>
          {!invite.isPending && <Send aria-hidden />}
          {t("inviteSubmit")}
        </Button>
        {invalid && (
          <p id="invite-email-error" className="text-xs text-destructive sm:col-span-3">
            {tErrors("invalidEmail")}
          </p>
        )}
      </form>
      {created && (
        <div className="grid gap-2 border-t bg-accent/40 p-4 animate-in" data-testid="invite-result">
          <Label htmlFor="invite-link" className="flex items-center gap-1.5">
            <Link2 className="size-4 text-primary" aria-hidden />
            {t("linkLabel")} · {created.invitation.email}
          </Label>
          <CopyField
            id="invite-link"
            value={created.url}
            label={t("linkLabel")}
            copyLabel={t("copyLink")}
            copiedLabel={tCommon("copied")}
            onCopied={() => toast.success(t("linkCopied", { email: created.invitation.email }))}
            mono
          />
          <p className="text-xs text-muted-foreground">
            {t("linkHint", {
              role: tRoles(created.invitation.role),
              date: dates.dateTime(created.invitation.expires_at),
            })}
          </p>
        </div>
      )}
    </Card>
  );
}
