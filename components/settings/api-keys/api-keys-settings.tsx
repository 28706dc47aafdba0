"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Lock, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { useMe } from "@/components/shell/use-me";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { api } from "@/lib/client/api";
import { fetchApiKeys, queryKeys } from "@/lib/client/queries";
import { roleAtLeast, type ApiKey } from "@/lib/client/types";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { LiveBadge } from "../live-badge";
import { LoadError, RowsSkeleton } from "../query-state";
import { Card, SettingsSection } from "../section";
import { useDates } from "../use-dates";
import { CreateKeyDialog } from "./create-key-dialog";

export function ApiKeysSettings() {
  const me = useMe();
  const t = useTranslations("settings.apiKeys");
  const tRoles = useTranslations("roles");
  const tCommon = useTranslations("common");
  const errorMessage = useErrorMessage();
  const dates = useDates();
  const queryClient = useQueryClient();
  const canManage = roleAtLeast(me.role, "admin");
  const keys = useQuery({ queryKey: queryKeys.apiKeys, queryFn: fetchApiKeys, enabled: canManage });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey>();

  const revoke = useMutation({
    mutationFn: (key: ApiKey) => api<ApiKey>(`/api/api-keys/${key.id}`, { method: "DELETE" }),
    onSuccess: (updated, key) => {
      queryClient.setQueryData<ApiKey[]>(queryKeys.apiKeys, (list) =>
        list?.map((k) => (k.id === key.id ? { ...k, ...updated } : k)),
      );
      toast.success(t("revokedToast", { name: key.name }));
      setRevoking(undefined);
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys }),
  });

  if (!canManage) {
    return (
      <Card>
        <EmptyState icon={Lock} title={t("title")} description={t("adminOnly")} />
      </Card>
    );
  }

  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden />
      {t("create")}
    </Button>
  );

  let body;
  if (keys.isPending) body = <RowsSkeleton />;
  else if (keys.isError) body = <LoadError error={keys.error} onRetry={() => void keys.refetch()} />;
  else if (keys.data.length === 0)
    body = (
      <EmptyState icon={KeyRound} title={t("emptyTitle")} description={t("emptyBody")}>
        {createButton}
      </EmptyState>
    );
  else
    body = (
      <div className="overflow-x-auto">
        <table className="w-full min-w-[640px] text-sm" data-testid="api-keys-table">
          <thead className="border-b bg-muted/40 text-left text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="px-4 py-2.5 font-medium">
                {t("name")}
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                {t("key")}
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                {t("created")}
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                {t("lastUsed")}
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                {t("status")}
              </th>
              <th scope="col" className="w-14 px-4 py-2.5">
                <span className="sr-only">{t("revoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {keys.data.map((key) => (
              <tr
                key={key.id}
                data-testid={`api-key-${key.name}`}
                className={cn("hover:bg-muted/30", key.revoked_at && "text-muted-foreground")}
              >
                <td className="px-4 py-3">
                  <p className="font-medium">{key.name}</p>
                  <p className="text-xs text-muted-foreground">{tRoles(key.role)}</p>
                </td>
                <td className="px-4 py-3 font-mono text-xs">{key.prefix}…</td>
                <td className="px-4 py-3 whitespace-nowrap" title={dates.dateTime(key.created_at)}>
                  {dates.date(key.created_at)}
                </td>
                <td
                  className="px-4 py-3 whitespace-nowrap"
                  title={key.last_used_at ? dates.dateTime(key.last_used_at) : undefined}
                >
                  {key.last_used_at ? (
                    dates.relative(key.last_used_at)
                  ) : (
                    <span className="text-muted-foreground">{t("never")}</span>
                  )}
                </td>
                <td className="px-4 py-3">
                  {key.revoked_at ? (
                    <Badge tone="neutral">{t("revoked")}</Badge>
                  ) : (
                    <Badge tone="success">{t("active")}</Badge>
                  )}
                </td>
                <td className="px-4 py-3 text-right">
                  {!key.revoked_at && (
                    <Button
                      variant="ghost"
                      size="icon-sm"
                      aria-label={t("revokeLabel", { name: key.name })}
                      title={t("revoke")}
                      onClick={() => setRevoking(key)}
                      className="text-muted-foreground hover:text-destructive"
                    >
                      <Trash2 aria-hidden />
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );

  return (
    <SettingsSection
      id="api-keys"
      title={
        <span className="flex items-center gap-3">
          {t("title")}
          <LiveBadge />
        </span>
      }
      description={t("description", { org: me.organization.name })}
      actions={keys.data?.length ? createButton : undefined}
    >
      <Card>{body}</Card>
      <CreateKeyDialog open={creating} onOpenChange={setCreating} />
      <ConfirmDialog
        open={!!revoking}
        onOpenChange={(open) => !open && setRevoking(undefined)}
        title={revoking ? t("revokeTitle", { name: revoking.name }) : ""}
        description={t("revokeBody")}
        confirmLabel={t("revokeConfirm")}
        cancelLabel={tCommon("cancel")}
        pending={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking)}
      />
    </SettingsSection>
  );
}
