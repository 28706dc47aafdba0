"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KanbanSquare, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { LoadError } from "@/components/settings/query-state";
import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiRequestError } from "@/lib/client/api";
import { roleAtLeast } from "@/lib/client/types";
import { PipelineBoard } from "./board";
import { createDeal, fetchBoard, fetchPipelines, pipelineKeys } from "./pipeline-api";

function BoardSkeleton() {
  return (
    <div className="flex gap-3" aria-busy data-testid="board-loading">
      {Array.from({ length: 5 }, (_, i) => (
        <Skeleton key={i} className="h-72 w-72 shrink-0 rounded-xl" />
      ))}
    </div>
  );
}

/** Pipeline page: the default pipeline's board (or the one picked), a quick "new deal" form, live updates. */
export function PipelineView() {
  const t = useTranslations("pipelineBoard");
  const me = useMe();
  const canWrite = roleAtLeast(me.role, "agent");
  const queryClient = useQueryClient();
  const pipelines = useQuery({ queryKey: pipelineKeys.pipelines, queryFn: ({ signal }) => fetchPipelines(signal) });
  const [picked, setPicked] = useState<string | null>(null);
  const pipelineId = picked ?? pipelines.data?.[0]?.id;
  const board = useQuery({
    queryKey: pipelineKeys.board(pipelineId ?? ""),
    queryFn: ({ signal }) => fetchBoard(pipelineId!, signal),
    enabled: Boolean(pipelineId),
  });
  const [title, setTitle] = useState("");
  const [amount, setAmount] = useState("");
  const add = useMutation({
    mutationFn: () => createDeal({ title, pipelineId: pipelineId!, amount: amount.trim() || undefined }),
    onSuccess: () => {
      setTitle("");
      setAmount("");
      return queryClient.invalidateQueries({ queryKey: pipelineKeys.board(pipelineId!) });
    },
    onError: (e) => toast.error(e instanceof ApiRequestError ? e.message : t("createFailed")),
  });

  const empty = board.data && board.data.columns.every((c) => c.count === 0);
  return (
    <div className="flex h-full min-h-0 flex-col gap-4 p-6">
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          pipelines.data && pipelines.data.length > 1 ? (
            <select
              aria-label={t("pickPipeline")}
              className="h-9 rounded-md border bg-card px-2 text-sm"
              value={pipelineId}
              onChange={(e) => setPicked(e.target.value)}
            >
              {pipelines.data.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          ) : undefined
        }
      />
      {canWrite && pipelineId && (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (title.trim()) add.mutate();
          }}
        >
          <Input
            className="w-72"
            placeholder={t("newDealTitle")}
            aria-label={t("newDealTitle")}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={300}
            data-testid="new-deal-title"
          />
          <Input
            className="w-36"
            placeholder={t("newDealAmount")}
            aria-label={t("newDealAmount")}
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
          <Button type="submit" size="sm" loading={add.isPending} disabled={!title.trim()} data-testid="new-deal">
            <Plus aria-hidden />
            {t("newDeal")}
          </Button>
        </form>
      )}
      {pipelines.error || board.error ? (
        <LoadError error={pipelines.error ?? board.error} onRetry={() => void (pipelines.refetch(), board.refetch())} />
      ) : !board.data ? (
        <BoardSkeleton />
      ) : (
        <>
          {empty && (
            <EmptyState icon={KanbanSquare} title={t("emptyTitle")} description={t("emptyBody")} className="py-4" />
          )}
          <PipelineBoard board={board.data} />
        </>
      )}
    </div>
  );
}
