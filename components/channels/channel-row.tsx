"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, Copy, EllipsisVertical, Pencil, PlugZap, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { copyText } from "@/lib/client/clipboard";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { ChannelIcon } from "./channel-icon";
import { ChannelImport } from "./channel-import";
import { ChannelProblem, useProblemText } from "./channel-problem";
import { Switch } from "./switch";
import { channelsKey, testChannel, updateChannel, type ChannelView } from "./use-channels";

// "error" is a saved channel that is not connected yet (or any more): amber, with what to do beside it.
const statusTone = { connected: "success", pending: "neutral", error: "warning" } as const;

/** One channel: what it is, whether it works, and (for admins) test, pause, edit and delete. */
export function ChannelRow({
  channel,
  canManage,
  onEdit,
  onDelete,
}: {
  channel: ChannelView;
  canManage: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const t = useTranslations("channels");
  const errorMessage = useErrorMessage();
  const problemText = useProblemText();
  const queryClient = useQueryClient();
  const [copied, setCopied] = useState(false);
  const replace = (updated: ChannelView) =>
    queryClient.setQueryData<ChannelView[]>(channelsKey, (list) =>
      list?.map((c) => (c.id === updated.id ? updated : c)),
    );

  const toggle = useMutation({
    mutationFn: (enabled: boolean) => updateChannel(channel.id, { enabled }),
    onSuccess: (updated) => {
      replace(updated);
      toast.success(t(updated.enabled ? "enabledToast" : "disabledToast", { name: updated.name }));
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const test = useMutation({
    mutationFn: () => testChannel(channel.id),
    onSuccess: (result) => {
      replace(result.channel);
      if (result.ok) toast.success(t("testOk", { detail: result.detail }));
      else {
        const text = problemText(channel.type, result.code);
        toast.error(`${text.title} — ${text.action}`);
      }
    },
    onError: (error) => toast.error(errorMessage(error)),
  });

  const copyUrl = async () => {
    if (!(await copyText(channel.webhookUrl))) return;
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  const adminOnly = canManage ? undefined : t("adminOnly");
  const status = channel.enabled ? channel.status : "disabled";

  return (
    <li
      className={cn(
        "flex flex-wrap items-center gap-x-4 gap-y-3 px-4 py-4 sm:flex-nowrap",
        !channel.enabled && "bg-muted/30",
      )}
      data-testid={`channel-${channel.name}`}
    >
      <ChannelIcon type={channel.type} className={cn("size-10", !channel.enabled && "opacity-50 grayscale")} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <p className="truncate font-medium">{channel.name}</p>
          <Badge tone={status === "disabled" ? "neutral" : statusTone[status]}>{t(`status.${status}`)}</Badge>
        </div>
        <p className="mt-0.5 text-xs text-muted-foreground">{t(`types.${channel.type}.label`)}</p>
        {channel.enabled && channel.status === "error" && (
          <ChannelProblem
            type={channel.type}
            code={channel.lastErrorCode}
            detail={channel.lastError}
            showDetail={canManage}
            className="mt-2 px-2.5 py-1.5 text-xs"
          />
        )}
        {channel.type === "evolution" && <ChannelImport channelId={channel.id} canManage={canManage} />}
        <button
          type="button"
          onClick={copyUrl}
          title={t("copyWebhook")}
          className="mt-1.5 inline-flex max-w-full cursor-pointer items-center gap-1.5 rounded-md bg-muted/70 px-1.5 py-0.5 font-mono text-[11px] text-muted-foreground transition-colors hover:bg-muted hover:text-foreground"
        >
          <span className="truncate" data-testid="channel-webhook-url">
            {channel.webhookUrl}
          </span>
          {copied ? <Check className="size-3 shrink-0 text-success" /> : <Copy className="size-3 shrink-0" />}
        </button>
      </div>
      <div className="ml-auto flex items-center gap-3">
        <Button
          variant="outline"
          size="sm"
          onClick={() => test.mutate()}
          loading={test.isPending}
          disabled={!canManage}
          title={adminOnly}
        >
          {!test.isPending && <PlugZap aria-hidden />}
          {t("test")}
        </Button>
        <span title={adminOnly ?? t(channel.enabled ? "disable" : "enable")}>
          <Switch
            checked={channel.enabled}
            onCheckedChange={(enabled) => toggle.mutate(enabled)}
            disabled={!canManage || toggle.isPending}
            aria-label={t("enabledLabel", { name: channel.name })}
          />
        </span>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="icon-sm" aria-label={t("actions", { name: channel.name })}>
              <EllipsisVertical aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            <DropdownMenuItem onSelect={copyUrl}>
              <Copy aria-hidden />
              {t("copyWebhook")}
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={onEdit} disabled={!canManage}>
              <Pencil aria-hidden />
              {t("edit")}
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={onDelete} disabled={!canManage} className="text-destructive">
              <Trash2 aria-hidden className="!text-destructive" />
              {t("delete")}
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
    </li>
  );
}
