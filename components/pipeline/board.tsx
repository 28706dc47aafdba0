"use client";

import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { ApiRequestError } from "@/lib/client/api";
import { BoardColumn } from "./board-column";
import { DealCardOverlay } from "./deal-card";
import { useAskLostReason } from "./lost-reason";
import { moveDeal, withMove, type Board, type Filters, type MoveBody } from "./pipeline-api";

type Drop = { dealId: string; stageId: string; index: number; body: MoveBody };

/** Where a drop puts the card: the target column, its index there, and its new neighbours for the server. */
function dropOf(board: Board, event: DragEndEvent): Drop | undefined {
  const { active, over } = event;
  if (!over) return undefined;
  const dealId = String(active.id);
  const from = board.columns.find((c) => c.deals.some((d) => d.id === dealId));
  const stageId = over.data.current?.stageId as string | undefined;
  const target = board.columns.find((c) => c.stage.id === stageId);
  if (!from || !target) return undefined;
  const deal = from.deals.find((d) => d.id === dealId)!;
  const rest = target.deals.filter((d) => d.id !== dealId);
  let index = rest.length;
  if (!String(over.id).startsWith("column:")) {
    const overIndex = rest.findIndex((d) => d.id === over.id);
    const movingDown = from === target && from.deals.indexOf(deal) < target.deals.findIndex((d) => d.id === over.id);
    index = overIndex === -1 ? rest.length : overIndex + (movingDown ? 1 : 0);
  }
  if (from === target && from.deals.indexOf(deal) === index) return undefined;
  return {
    dealId,
    stageId: target.stage.id,
    index,
    body: {
      stageId: target.stage.id,
      afterId: rest[index - 1]?.id,
      beforeId: rest[index]?.id,
      expectedVersion: deal.version,
    },
  };
}

/**
 * The Kanban board. A drop moves the card at once (optimistic) and sends one move with its new neighbours
 * and the version it saw; the server's answer, or a 409 when someone moved it first, is followed by a refetch
 * so the board always ends up showing what the database holds.
 */
export function PipelineBoard({
  board,
  filters,
  boardKey: key,
}: {
  board: Board;
  filters: Filters;
  boardKey: readonly unknown[];
}) {
  const t = useTranslations("pipelineBoard");
  const queryClient = useQueryClient();
  const askLost = useAskLostReason();
  const [dragging, setDragging] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const move = useMutation({
    mutationFn: (drop: Drop) => moveDeal(drop.dealId, drop.body),
    onMutate: async (drop) => {
      await queryClient.cancelQueries({ queryKey: key });
      queryClient.setQueryData<Board>(key, (b) => (b ? withMove(b, drop.dealId, drop.stageId, drop.index) : b));
    },
    onError: (error) => {
      toast.error(error instanceof ApiRequestError && error.status === 409 ? t("conflict") : t("moveFailed"));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["deals"] }),
  });

  const active = dragging ? board.columns.flatMap((c) => c.deals).find((d) => d.id === dragging) : undefined;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={(e: DragStartEvent) => setDragging(String(e.active.id))}
      onDragCancel={() => setDragging(null)}
      onDragEnd={async (e) => {
        setDragging(null);
        const drop = dropOf(board, e);
        if (!drop) return;
        // Into a lost column from elsewhere: the server wants to know why (the card stays put if cancelled).
        const target = board.columns.find((c) => c.stage.id === drop.stageId)!;
        const deal = board.columns.flatMap((c) => c.deals).find((d) => d.id === drop.dealId)!;
        if (target.stage.kind === "lost" && deal.stageId !== drop.stageId) {
          const lostReason = await askLost(deal.title);
          if (!lostReason) return;
          drop.body.lostReason = lostReason;
        }
        move.mutate(drop);
      }}
      accessibility={{
        screenReaderInstructions: { draggable: t("dragInstructions") },
      }}
    >
      <div className="flex min-h-0 flex-1 gap-3 overflow-x-auto pb-2" data-testid="board">
        {board.columns.map((column) => (
          <BoardColumn key={column.stage.id} column={column} filters={filters} boardKey={key} />
        ))}
      </div>
      <DragOverlay>{active ? <DealCardOverlay deal={active} /> : null}</DragOverlay>
    </DndContext>
  );
}
