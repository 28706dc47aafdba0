"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { Deal } from "./pipeline-api";

const DAY = 86_400_000;

export function formatAmount(format: ReturnType<typeof useFormatter>, amount: string, currency: string) {
  return format.number(Number(amount), { style: "currency", currency, maximumFractionDigits: 0 });
}

/** A card on the board: dragged by mouse, touch or keyboard (Space, the arrows, Space). */
export function DealCard({ deal }: { deal: Deal }) {
  const { setNodeRef, transform, transition, attributes, listeners, isDragging } = useSortable({
    id: deal.id,
    data: { stageId: deal.stageId },
  });
  return (
    <div
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      {...attributes}
      {...listeners}
      data-testid="deal-card"
      data-deal-id={deal.id}
      aria-label={deal.title}
      className={cn(
        "cursor-grab touch-none rounded-lg border bg-card p-3 text-sm shadow-xs outline-none focus-visible:ring-3 focus-visible:ring-ring/30",
        isDragging && "opacity-40",
      )}
    >
      <DealCardBody deal={deal} />
    </div>
  );
}

/** The card under the pointer while dragging: the same face, not a second sortable with the same id. */
export function DealCardOverlay({ deal }: { deal: Deal }) {
  return (
    <div className="cursor-grabbing rounded-lg border bg-card p-3 text-sm shadow-lg ring-1 ring-primary/30">
      <DealCardBody deal={deal} />
    </div>
  );
}

/** Title, client and company, amount, days in stage, owner. */
function DealCardBody({ deal }: { deal: Deal }) {
  const t = useTranslations("pipelineBoard");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const days = Math.max(0, Math.floor((now.getTime() - Date.parse(deal.stageEnteredAt)) / DAY));
  return (
    <>
      <div className="font-medium leading-snug">{deal.title}</div>
      {(deal.contactName || deal.companyName) && (
        <div className="mt-1 truncate text-xs text-muted-foreground">
          {[deal.contactName, deal.companyName].filter(Boolean).join(" · ")}
        </div>
      )}
      <div className="mt-2 flex items-center justify-between gap-2 text-xs">
        <span className="font-semibold tabular-nums">
          {deal.amount ? formatAmount(format, deal.amount, deal.currency) : t("noAmount")}
        </span>
        <span className="text-muted-foreground" title={t("daysInStageHint")}>
          {t("daysInStage", { days })}
        </span>
      </div>
      {deal.ownerName && <div className="mt-1 truncate text-xs text-muted-foreground">{deal.ownerName}</div>}
    </>
  );
}
