"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { LabelDialog } from "@/components/inbox/label-dialog";
import {
  deleteLabel,
  fetchLabels,
  labelDot,
  labelTone,
  workdayKeys,
  type LabelView,
} from "@/components/inbox/workday-api";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { Card, SettingsSection } from "@/components/settings/section";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { RowActions } from "./row-actions";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { roleAtLeast } from "@/lib/client/types";
import { useErrorMessage } from "@/lib/client/use-error-message";

/** Settings → Labels: everyone sees the organisation's conversation labels; managers rename, recolour, delete. */
export function LabelsSettings() {
  const t = useTranslations("cannedSettings");
  const tWorkday = useTranslations("inbox.workday");
  const tCommon = useTranslations("common");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const isManager = roleAtLeast(useMe().role, "manager");
  const labels = useQuery({ queryKey: workdayKeys.labels, queryFn: fetchLabels });
  const [editing, setEditing] = useState<LabelView | null>();
  const [removing, setRemoving] = useState<LabelView>();
  const remove = useMutation({
    mutationFn: (id: string) => deleteLabel(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: workdayKeys.labels });
      void queryClient.invalidateQueries({ queryKey: ["conversations"] });
      toast.success(t("labelDeleted", { name: removing?.name ?? "" }));
      setRemoving(undefined);
    },
    onError: (error) => toast.error(errorMessage(error)),
  });

  return (
    <SettingsSection
      id="labels-settings"
      title={t("labelsTitle")}
      description={isManager ? t("labelsDescription") : t("labelsReadOnly")}
      actions={
        isManager && (
          <Button size="sm" onClick={() => setEditing(null)}>
            <Plus aria-hidden />
            {t("labelAdd")}
          </Button>
        )
      }
    >
      <Card>
        {labels.isPending ? (
          <RowsSkeleton rows={2} />
        ) : labels.isError ? (
          <LoadError error={labels.error} onRetry={() => void labels.refetch()} />
        ) : labels.data.length === 0 ? (
          <p className="px-4 py-6 text-center text-sm text-muted-foreground">{t("labelsEmpty")}</p>
        ) : (
          <ul className="divide-y" data-testid="label-list">
            {labels.data.map((l) => (
              <li key={l.id} className="flex items-center gap-3 px-4 py-2.5">
                <span
                  className={cn(
                    "inline-flex min-w-0 items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium",
                    labelTone[l.color],
                  )}
                >
                  <span aria-hidden className={cn("size-2 shrink-0 rounded-full", labelDot[l.color])} />
                  <span className="truncate">{l.name}</span>
                </span>
                <span className="flex-1 text-xs text-muted-foreground">{tWorkday(`colors.${l.color}`)}</span>
                {isManager && (
                  <RowActions
                    editLabel={t("labelEdit", { name: l.name })}
                    deleteLabel={t("labelDelete", { name: l.name })}
                    onEdit={() => setEditing(l)}
                    onDelete={() => setRemoving(l)}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {editing !== undefined && (
        <LabelDialog
          key={editing?.id ?? "new"}
          open
          onOpenChange={(open) => !open && setEditing(undefined)}
          editing={editing ?? undefined}
        />
      )}
      <ConfirmDialog
        open={!!removing}
        onOpenChange={(open) => !open && setRemoving(undefined)}
        title={t("labelDeleteTitle", { name: removing?.name ?? "" })}
        description={t("labelDeleteHint")}
        confirmLabel={t("deleteConfirm")}
        cancelLabel={tCommon("cancel")}
        pending={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing.id)}
      />
    </SettingsSection>
  );
}
