"use client";

import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { DealCard, formatAmount } from "./deal-card";
import { fetchColumnPage, type Board, type Column, type Filters } from "./pipeline-api";

/** One stage: its name, count and sums, and its cards in order; an empty column still takes a drop. */
export function BoardColumn({
  column,
  filters,
  boardKey,
}: {
  column: Column;
  filters: Filters;
  boardKey: readonly unknown[];
}) {
  const t = useTranslations("pipelineBoard");
  const format = useFormatter();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const { setNodeRef, isOver } = useDroppable({ id: `column:${column.stage.id}`, data: { stageId: column.stage.id } });
  // The next page (keyset after the column's last card) is appended to this column in the board's cache.
  const more = useMutation({
    mutationFn: () => fetchColumnPage(column.stage.id, column.nextCursor!, filters),
    onSuccess: (page) =>
      queryClient.setQueryData<Board>(boardKey, (b) =>
        b
          ? {
              ...b,
              columns: b.columns.map((c) =>
                c.stage.id === column.stage.id
                  ? {
                      ...c,
                      deals: [...c.deals, ...page.deals.filter((d) => !c.deals.some((x) => x.id === d.id))],
                      nextCursor: page.nextCursor,
                    }
                  : c,
              ),
            }
          : b,
      ),
    onError: (e) => toast.error(errorMessage(e)),
  });
  return (
    <section
      aria-label={column.stage.name}
      data-testid="board-column"
      data-stage-id={column.stage.id}
      className="flex w-72 shrink-0 flex-col rounded-xl border bg-muted/40"
    >
      <header className="border-b px-3 py-2.5">
        <div className="flex items-center gap-2">
          <span className="size-2.5 rounded-full" style={{ background: column.stage.color }} aria-hidden />
          <h2 className="truncate text-sm font-semibold">{column.stage.name}</h2>
          <span
            className="ml-auto rounded-full bg-background px-2 text-xs tabular-nums text-muted-foreground"
            data-testid="column-count"
          >
            {column.count}
          </span>
        </div>
        <div className="mt-1 text-xs text-muted-foreground tabular-nums" data-testid="column-total">
          {column.totals.length
            ? column.totals.map((s) => formatAmount(format, s.amount, s.currency)).join(" + ")
            : t("noTotal")}
        </div>
      </header>
      <SortableContext items={column.deals.map((d) => d.id)} strategy={verticalListSortingStrategy}>
        <div
          ref={setNodeRef}
          className={cn("flex min-h-24 flex-1 flex-col gap-2 p-2 transition-colors", isOver && "bg-primary/5")}
        >
          {column.deals.map((deal) => (
            <DealCard key={deal.id} deal={deal} />
          ))}
          {!column.deals.length && (
            <p className="m-auto px-2 py-6 text-center text-xs text-muted-foreground">{t("emptyColumn")}</p>
          )}
          {column.nextCursor && (
            <Button
              variant="ghost"
              size="sm"
              className="w-full text-xs text-muted-foreground"
              loading={more.isPending}
              onClick={() => more.mutate()}
              data-testid="column-more"
            >
              {t("more", { count: Math.max(0, column.count - column.deals.length) })}
            </Button>
          )}
        </div>
      </SortableContext>
    </section>
  );
}
