"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Cable, Info, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { LiveBadge } from "@/components/settings/live-badge";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { Card, SettingsSection } from "@/components/settings/section";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { roleAtLeast } from "@/lib/client/types";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { ChannelDialog } from "./channel-dialog";
import { ChannelIcon } from "./channel-icon";
import { channelKinds } from "./channel-kinds";
import { ChannelRow } from "./channel-row";
import { channelsKey, deleteChannel, useChannels, type ChannelView } from "./use-channels";

/** Settings → Channels: every messenger connection of the organisation and its health. */
export function ChannelsSettings() {
  const me = useMe();
  const t = useTranslations("channels");
  const tCommon = useTranslations("common");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const channels = useChannels();
  const canManage = roleAtLeast(me.role, "admin");
  const [dialog, setDialog] = useState<{ open: boolean; editing?: ChannelView }>({ open: false });
  const [deleting, setDeleting] = useState<ChannelView>();

  const remove = useMutation({
    mutationFn: (channel: ChannelView) => deleteChannel(channel.id),
    onSuccess: (_, channel) => {
      queryClient.setQueryData<ChannelView[]>(channelsKey, (list) => list?.filter((c) => c.id !== channel.id));
      toast.success(t("deletedToast", { name: channel.name }));
      setDeleting(undefined);
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelsKey }),
  });

  const connectButton = (
    <Button
      onClick={() => setDialog({ open: true })}
      disabled={!canManage}
      title={canManage ? undefined : t("adminOnly")}
    >
      <Plus aria-hidden />
      {t("connectChannel")}
    </Button>
  );

  let body;
  if (channels.isPending) body = <RowsSkeleton />;
  else if (channels.isError) body = <LoadError error={channels.error} onRetry={() => void channels.refetch()} />;
  else if (channels.data.length === 0)
    body = (
      <EmptyState icon={Cable} title={t("emptyTitle")} description={t("emptyBody")}>
        <div className="flex flex-col items-center gap-5">
          <div className="flex items-center gap-2" aria-hidden>
            {channelKinds
              .filter((k) => k.type !== "twilio_whatsapp" && k.type !== "evolution")
              .map((k) => (
                <ChannelIcon key={k.type} type={k.type} className="size-7" />
              ))}
          </div>
          {connectButton}
        </div>
      </EmptyState>
    );
  else
    body = (
      <ul className="divide-y" data-testid="channels-list">
        {channels.data.map((channel) => (
          <ChannelRow
            key={channel.id}
            channel={channel}
            canManage={canManage}
            onEdit={() => setDialog({ open: true, editing: channel })}
            onDelete={() => setDeleting(channel)}
          />
        ))}
      </ul>
    );

  return (
    <SettingsSection
      id="channels"
      title={
        <span className="flex items-center gap-3">
          {t("title")}
          <LiveBadge />
        </span>
      }
      description={t("description", { org: me.organization.name })}
      actions={channels.data?.length ? connectButton : undefined}
    >
      {!canManage && (
        <p className="flex items-center gap-2 rounded-lg border bg-muted/40 px-3 py-2 text-sm text-muted-foreground">
          <Info className="size-4 shrink-0" aria-hidden />
          {t("adminOnly")}
        </p>
      )}
      <Card>{body}</Card>
      <ChannelDialog
        key={dialog.editing?.id ?? "new"}
        open={dialog.open}
        onOpenChange={(open) => setDialog((d) => ({ ...d, open }))}
        editing={dialog.editing}
      />
      <ConfirmDialog
        open={!!deleting}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title={deleting ? t("deleteTitle", { name: deleting.name }) : ""}
        description={t("deleteBody")}
        confirmLabel={t("deleteConfirm")}
        cancelLabel={tCommon("cancel")}
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
      />
    </SettingsSection>
  );
}
