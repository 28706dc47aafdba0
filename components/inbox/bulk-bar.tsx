"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleCheck, Tag, UserRound, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { fetchMembers, queryKeys } from "@/lib/client/queries";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { inboxKeys } from "./inbox-api";
import { useLabels } from "./thread-actions";
import { bulkUpdate, labelDot, type BulkInput } from "./workday-api";

/** Actions on the checked conversations: assign, label, resolve (one request, all or nothing). */
export function BulkBar({
  ids,
  total,
  onSelectAll,
  onClear,
}: {
  ids: string[];
  total: number;
  onSelectAll: () => void;
  onClear: () => void;
}) {
  const t = useTranslations("inbox.workday.bulk");
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const members = useQuery({ queryKey: queryKeys.members, queryFn: fetchMembers });
  const labels = useLabels();
  const run = useMutation({
    mutationFn: (change: Omit<BulkInput, "ids">) => bulkUpdate({ ids, ...change }),
    onSuccess: ({ updated }) => {
      toast.success(t("done", { count: updated }));
      onClear();
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: inboxKeys.lists }),
  });
  const action = "h-7 gap-1 px-2 text-xs";
  return (
    <div
      className="flex flex-wrap items-center gap-1 border-b bg-accent/60 px-3 py-2"
      role="toolbar"
      aria-label={t("toolbar")}
      data-testid="bulk-bar"
    >
      <span className="mr-1 text-xs font-medium tabular-nums">{t("selected", { count: ids.length })}</span>
      {ids.length < total && (
        <button
          type="button"
          onClick={onSelectAll}
          className="mr-auto cursor-pointer text-xs text-primary hover:underline"
        >
          {t("all", { count: total })}
        </button>
      )}
      <span className={cn("flex items-center gap-1", ids.length >= total && "ml-auto")}>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="outline" size="sm" className={action} disabled={run.isPending}>
              <UserRound aria-hidden />
              {t("assign")}
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            <DropdownMenuItem onSelect={() => run.mutate({ assigneeId: null })}>{t("unassign")}</DropdownMenuItem>
            {(members.data ?? []).map((m) => (
              <DropdownMenuItem key={m.user_id} onSelect={() => run.mutate({ assigneeId: m.user_id })}>
                {m.full_name || m.email}
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="outline" size="sm" className={action} disabled={run.isPending || !labels.data?.length}>
              <Tag aria-hidden />
              {t("label")}
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            {(labels.data ?? []).map((l) => (
              <DropdownMenuItem key={l.id} onSelect={() => run.mutate({ labels: { add: [l.id] } })}>
                <span className={cn("size-2.5 rounded-full", labelDot[l.color])} aria-hidden />
                {l.name}
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
        <Button
          variant="outline"
          size="sm"
          className={action}
          disabled={run.isPending}
          onClick={() => run.mutate({ status: "resolved" })}
        >
          <CircleCheck aria-hidden />
          {t("resolve")}
        </Button>
        <Button variant="ghost" size="icon-sm" onClick={onClear} aria-label={t("clear")} title={t("clear")}>
          <X aria-hidden />
        </Button>
      </span>
    </div>
  );
}
