"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { CannedDialog } from "@/components/inbox/canned-dialog";
import { deleteCanned, fetchCanned, workdayKeys, type CannedResponseView } from "@/components/inbox/workday-api";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { Card, SettingsSection } from "@/components/settings/section";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { RowActions } from "./row-actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { roleAtLeast } from "@/lib/client/types";
import { useErrorMessage } from "@/lib/client/use-error-message";

/** Settings → Canned responses: each member keeps their own; managers also keep the shared ones (RLS agrees). */
export function CannedSettings() {
  const t = useTranslations("cannedSettings");
  const tCommon = useTranslations("common");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const role = useMe().role;
  const isManager = roleAtLeast(role, "manager");
  const isAgent = roleAtLeast(role, "agent");
  const canned = useQuery({ queryKey: workdayKeys.canned, queryFn: fetchCanned });
  // undefined: closed; null: a new one; otherwise the one being edited.
  const [editing, setEditing] = useState<CannedResponseView | null>();
  const [removing, setRemoving] = useState<CannedResponseView>();
  const remove = useMutation({
    mutationFn: (id: string) => deleteCanned(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: workdayKeys.canned });
      toast.success(t("deleted", { shortcut: removing?.shortcut ?? "" }));
      setRemoving(undefined);
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const canChange = (c: CannedResponseView) => isManager || (isAgent && c.scope === "personal");

  return (
    <SettingsSection
      id="canned-settings"
      title={t("title")}
      description={t("description")}
      actions={
        isAgent && (
          <Button size="sm" onClick={() => setEditing(null)}>
            <Plus aria-hidden />
            {t("add")}
          </Button>
        )
      }
    >
      <Card>
        {canned.isPending ? (
          <RowsSkeleton />
        ) : canned.isError ? (
          <LoadError error={canned.error} onRetry={() => void canned.refetch()} />
        ) : canned.data.length === 0 ? (
          <p className="px-4 py-6 text-center text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <ul className="divide-y" data-testid="canned-list">
            {canned.data.map((c) => (
              <li key={c.id} className="flex items-start gap-3 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm">
                    <code className="rounded bg-muted px-1.5 py-px font-mono text-xs">/{c.shortcut}</code>
                    <span className="truncate font-medium">{c.title}</span>
                    <span className="text-xs text-muted-foreground">
                      {c.scope === "personal" ? t("personal") : t("shared")}
                    </span>
                  </p>
                  <p className="mt-1 line-clamp-2 text-xs break-words whitespace-pre-line text-muted-foreground">
                    {c.body}
                  </p>
                </div>
                {canChange(c) && (
                  <RowActions
                    editLabel={t("edit", { shortcut: c.shortcut })}
                    deleteLabel={t("delete", { shortcut: c.shortcut })}
                    onEdit={() => setEditing(c)}
                    onDelete={() => setRemoving(c)}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {editing !== undefined && (
        <CannedDialog
          key={editing?.id ?? "new"}
          open
          onOpenChange={(open) => !open && setEditing(undefined)}
          editing={editing ?? undefined}
          canShare={isManager}
        />
      )}
      <ConfirmDialog
        open={!!removing}
        onOpenChange={(open) => !open && setRemoving(undefined)}
        title={t("deleteTitle", { shortcut: removing?.shortcut ?? "" })}
        description={removing?.scope === "organization" ? t("deleteSharedHint") : t("deleteHint")}
        confirmLabel={t("deleteConfirm")}
        cancelLabel={tCommon("cancel")}
        pending={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing.id)}
      />
    </SettingsSection>
  );
}
