"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Clock, MailPlus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { api } from "@/lib/client/api";
import { fetchInvitations, queryKeys } from "@/lib/client/queries";
import type { Invitation } from "@/lib/client/types";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { LoadError, RowsSkeleton } from "../query-state";
import { Card } from "../section";
import { useDates } from "../use-dates";

export function InvitationsList() {
  const t = useTranslations("settings.team");
  const tRoles = useTranslations("roles");
  const tCommon = useTranslations("common");
  const errorMessage = useErrorMessage();
  const dates = useDates();
  const queryClient = useQueryClient();
  const invitations = useQuery({ queryKey: queryKeys.invitations, queryFn: fetchInvitations });
  const [revoking, setRevoking] = useState<Invitation>();

  const revoke = useMutation({
    mutationFn: (invitation: Invitation) => api(`/api/team/invitations/${invitation.id}`, { method: "DELETE" }),
    onSuccess: (_data, invitation) => {
      queryClient.setQueryData<Invitation[]>(queryKeys.invitations, (list) =>
        list?.filter((i) => i.id !== invitation.id),
      );
      toast.success(t("revoked", { email: invitation.email }));
      setRevoking(undefined);
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.invitations }),
  });

  if (invitations.isPending)
    return (
      <Card>
        <RowsSkeleton rows={1} />
      </Card>
    );
  if (invitations.isError)
    return (
      <Card>
        <LoadError error={invitations.error} onRetry={() => void invitations.refetch()} />
      </Card>
    );

  if (invitations.data.length === 0) {
    return (
      <Card className="flex items-center gap-3 border-dashed px-4 py-5 text-sm text-muted-foreground shadow-none">
        <MailPlus className="size-5 shrink-0" aria-hidden />
        {t("pendingEmpty")}
      </Card>
    );
  }

  return (
    <Card>
      <ul className="divide-y" data-testid="invitations-list">
        {invitations.data.map((invitation) => {
          const expired = new Date(invitation.expires_at) < dates.now;
          return (
            <li key={invitation.id} className="flex items-center gap-3 px-4 py-3 text-sm">
              <span className="flex size-8 shrink-0 items-center justify-center rounded-full border border-dashed text-muted-foreground">
                <Clock className="size-4" aria-hidden />
              </span>
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium">{invitation.email}</p>
                <p className="text-xs text-muted-foreground">
                  {expired ? t("expired") : t("expires", { date: dates.relative(invitation.expires_at) })}
                </p>
              </div>
              <Badge tone={expired ? "warning" : "neutral"}>{tRoles(invitation.role)}</Badge>
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label={t("revokeLabel", { email: invitation.email })}
                title={t("revoke")}
                onClick={() => setRevoking(invitation)}
                className="text-muted-foreground hover:text-destructive"
              >
                <X aria-hidden />
              </Button>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={!!revoking}
        onOpenChange={(open) => !open && setRevoking(undefined)}
        title={revoking ? t("revokeTitle", { email: revoking.email }) : ""}
        description={t("revokeBody")}
        confirmLabel={t("revokeConfirm")}
        cancelLabel={tCommon("cancel")}
        pending={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking)}
      />
    </Card>
  );
}
