"use client";

import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useFormatter, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { DealCard, formatAmount } from "./deal-card";
import type { Column } from "./pipeline-api";

/** One stage: its name, count and sums, and its cards in order; an empty column still takes a drop. */
export function BoardColumn({ column }: { column: Column }) {
  const t = useTranslations("pipelineBoard");
  const format = useFormatter();
  const { setNodeRef, isOver } = useDroppable({ id: `column:${column.stage.id}`, data: { stageId: column.stage.id } });
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
        <div className="mt-1 text-xs text-muted-foreground tabular-nums">
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
            <p className="px-2 text-center text-xs text-muted-foreground">
              {t("more", { count: column.count - column.deals.length })}
            </p>
          )}
        </div>
      </SortableContext>
    </section>
  );
}
