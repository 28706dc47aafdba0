"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KanbanSquare, Plus, Settings2 } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useMemo, useState } from "react";
import { toast } from "sonner";
import { csvDelimiterFor, ExportButtons } from "@/components/exports/export-buttons";
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
import { BoardFilters, type View } from "./board-filters";
import { CardActionsContext } from "./deal-card";
import { DealDrawer } from "./deal-drawer";
import { DealList } from "./deal-list";
import { LostReasonProvider } from "./lost-reason";
import {
  createDeal,
  createPipeline,
  dealsExportUrl,
  fetchBoard,
  fetchPipelines,
  fetchPipelineSettings,
  pipelineKeys,
  type Filters,
  type ListSort,
} from "./pipeline-api";
import { NewPipelineDialog } from "./new-pipeline-dialog";
import { PipelineSettingsDialog } from "./pipeline-settings";

function BoardSkeleton() {
  return (
    <div className="flex gap-3" aria-busy data-testid="board-loading">
      {Array.from({ length: 5 }, (_, i) => (
        <Skeleton key={i} className="h-72 w-72 shrink-0 rounded-xl" />
      ))}
    </div>
  );
}

/**
 * Pipeline page: a pipeline's board or list (the switcher picks which pipeline), filters, a quick "new deal",
 * live updates, and the deal drawer at ?deal=<id> so a deal can be linked.
 */
export function PipelineView() {
  return (
    <LostReasonProvider>
      <PipelinePage />
    </LostReasonProvider>
  );
}

function PipelinePage() {
  const t = useTranslations("pipelineBoard");
  const me = useMe();
  const canWrite = roleAtLeast(me.role, "agent");
  const canManage = roleAtLeast(me.role, "manager");
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const setParam = useCallback(
    (name: string, value: string | null) => {
      const next = new URLSearchParams(search.toString());
      if (value) next.set(name, value);
      else next.delete(name);
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [search, router, pathname],
  );
  const dealId = search.get("deal");
  const view: View = search.get("view") === "list" ? "list" : "board";
  const pipelines = useQuery({ queryKey: pipelineKeys.pipelines, queryFn: ({ signal }) => fetchPipelines(signal) });
  const pipeline = pipelines.data?.find((p) => p.id === search.get("pipeline")) ?? pipelines.data?.[0];
  const pipelineId = pipeline?.id;
  const [filters, setFilters] = useState<Filters>({});
  const [sort, setSort] = useState<ListSort>({ sort: "created", order: "desc" });
  const locale = useLocale();
  const boardKey = pipelineKeys.board(pipelineId ?? "", filters);
  const board = useQuery({
    queryKey: boardKey,
    queryFn: ({ signal }) => fetchBoard(pipelineId!, filters, signal),
    enabled: Boolean(pipelineId) && view === "board",
  });
  const settings = useQuery({
    queryKey: pipelineKeys.settings,
    queryFn: ({ signal }) => fetchPipelineSettings(signal),
  });
  const [title, setTitle] = useState("");
  const [amount, setAmount] = useState("");
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [newPipelineOpen, setNewPipelineOpen] = useState(false);
  const add = useMutation({
    mutationFn: () =>
      createDeal({
        title,
        pipelineId: pipelineId!,
        amount: amount.trim() || undefined,
        currency: settings.data?.defaultCurrency,
      }),
    onSuccess: () => {
      setTitle("");
      setAmount("");
      return queryClient.invalidateQueries({ queryKey: ["deals"] });
    },
    onError: (e) => toast.error(e instanceof ApiRequestError ? e.message : t("createFailed")),
  });
  const addPipeline = useMutation({
    mutationFn: (name: string) => createPipeline(name),
    onSuccess: async (p) => {
      await queryClient.invalidateQueries({ queryKey: pipelineKeys.pipelines });
      setNewPipelineOpen(false);
      setParam("pipeline", p.id);
      setSettingsOpen(true);
    },
    // A refusal the dialog did not foresee (e.g. a 400 naming the field) is shown in it; anything else as a toast.
    onError: (e) => {
      if (!(e instanceof ApiRequestError)) toast.error(t("createFailed"));
    },
  });
  const actions = useMemo(
    () => ({
      open: (id: string) => setParam("deal", id),
      lostStageIds: new Set(pipeline?.stages.filter((s) => s.kind === "lost").map((s) => s.id)),
      canWrite,
    }),
    [setParam, pipeline, canWrite],
  );

  const empty = board.data && board.data.columns.every((c) => c.count === 0) && !Object.keys(filters).length;
  return (
    <CardActionsContext value={actions}>
      <div className="flex h-full min-h-0 flex-col gap-4 p-4 sm:p-6">
        <PageHeader
          title={t("title")}
          subtitle={t("subtitle")}
          actions={
            <div className="flex flex-wrap items-center gap-2">
              {view === "list" && pipelineId && (
                <ExportButtons
                  kind="deals"
                  href={dealsExportUrl(pipelineId, filters, sort, csvDelimiterFor(locale))}
                  testId="deals-export"
                />
              )}
              {pipelines.data && (
                <select
                  aria-label={t("pickPipeline")}
                  className="h-9 rounded-md border bg-card px-2 text-sm"
                  value={pipelineId}
                  onChange={(e) => setParam("pipeline", e.target.value)}
                  data-testid="pipeline-switcher"
                >
                  {pipelines.data.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              )}
              {canManage && (
                <>
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={() => {
                      addPipeline.reset();
                      setNewPipelineOpen(true);
                    }}
                    data-testid="new-pipeline"
                  >
                    <Plus aria-hidden />
                    {t("newPipeline")}
                  </Button>
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={() => setSettingsOpen(true)}
                    disabled={!pipeline}
                    data-testid="pipeline-settings-open"
                  >
                    <Settings2 aria-hidden />
                    {t("settings")}
                  </Button>
                </>
              )}
            </div>
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
              className="w-full sm:w-72"
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
        <BoardFilters
          filters={filters}
          onChange={setFilters}
          view={view}
          onView={(v) => setParam("view", v === "list" ? v : null)}
        />
        {pipelines.error || board.error ? (
          <LoadError
            error={pipelines.error ?? board.error}
            onRetry={() => void (pipelines.refetch(), board.refetch())}
          />
        ) : !pipeline ? (
          <BoardSkeleton />
        ) : view === "list" ? (
          <DealList
            pipelineId={pipeline.id}
            stages={pipeline.stages}
            filters={filters}
            sort={sort}
            onSort={setSort}
            onOpen={actions.open}
          />
        ) : !board.data ? (
          <BoardSkeleton />
        ) : (
          <>
            {empty && (
              <EmptyState icon={KanbanSquare} title={t("emptyTitle")} description={t("emptyBody")} className="py-4" />
            )}
            <PipelineBoard board={board.data} filters={filters} boardKey={boardKey} />
          </>
        )}
      </div>
      <DealDrawer
        dealId={dealId}
        stagesOf={(id) => pipelines.data?.find((p) => p.id === id)?.stages ?? []}
        onClose={() => setParam("deal", null)}
      />
      {canManage && (
        <NewPipelineDialog
          open={newPipelineOpen}
          onOpenChange={setNewPipelineOpen}
          existing={pipelines.data?.map((p) => p.name) ?? []}
          pending={addPipeline.isPending}
          serverError={addPipeline.error instanceof ApiRequestError ? addPipeline.error.message : null}
          onCreate={(name) => addPipeline.mutate(name)}
        />
      )}
      {pipeline && settingsOpen && (
        <PipelineSettingsDialog
          key={pipeline.id}
          pipeline={pipeline}
          open={settingsOpen}
          onOpenChange={setSettingsOpen}
          onDeleted={() => setParam("pipeline", null)}
        />
      )}
    </CardActionsContext>
  );
}
