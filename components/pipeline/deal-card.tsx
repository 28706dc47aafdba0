"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { CalendarClock } from "lucide-react";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { createContext, use } from "react";
import { ChannelIcon } from "@/components/channels/channel-icon";
import { InterestChip } from "@/components/leads/lead-badges";
import { cn } from "@/components/ui/cn";
import type { ChannelType } from "@/lib/channels/types";
import { DealSuggestion } from "./deal-suggestion";
import type { Deal } from "./pipeline-api";

const DAY = 86_400_000;

export function formatAmount(format: ReturnType<typeof useFormatter>, amount: string, currency: string) {
  return format.number(Number(amount), { style: "currency", currency, maximumFractionDigits: 0 });
}

/** What a card can do on this page: open its drawer, know which stages are "lost", whether the viewer writes. */
export type CardActions = { open: (dealId: string) => void; lostStageIds: Set<string>; canWrite: boolean };
export const CardActionsContext = createContext<CardActions>({
  open: () => {},
  lostStageIds: new Set(),
  canWrite: false,
});

/** A card on the board: dragged by mouse, touch or keyboard (Space, the arrows, Space); its title opens it. */
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

/** Title, client, amount, lead interest and score, channel, next task, days in stage, owner, the AI's suggestion. */
function DealCardBody({ deal }: { deal: Deal }) {
  const t = useTranslations("pipelineBoard");
  const actions = use(CardActionsContext);
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const days = Math.max(0, Math.floor((now.getTime() - Date.parse(deal.stageEnteredAt)) / DAY));
  const overdue = deal.nextTaskDueAt !== null && Date.parse(deal.nextTaskDueAt) < now.getTime();
  return (
    <>
      <div className="flex items-start gap-2">
        <button
          type="button"
          className="min-w-0 flex-1 cursor-pointer text-left leading-snug font-medium hover:text-primary hover:underline focus-visible:underline focus-visible:outline-none"
          onClick={() => actions.open(deal.id)}
          // Enter opens the deal; Space on the card (not here) lifts it for a keyboard drag.
          onKeyDown={(e) => e.stopPropagation()}
          data-testid="deal-open"
        >
          {deal.title}
        </button>
        {deal.channelType && <ChannelIcon type={deal.channelType as ChannelType} className="size-4" />}
      </div>
      {(deal.contactName || deal.companyName) && (
        <div className="mt-1 truncate text-xs text-muted-foreground">
          {[deal.contactName, deal.companyName].filter(Boolean).join(" · ")}
        </div>
      )}
      <div className="mt-2 flex items-center justify-between gap-2 text-xs">
        <span className="font-semibold tabular-nums">
          {deal.amount ? formatAmount(format, deal.amount, deal.currency) : t("noAmount")}
        </span>
        {deal.interestLevel && (
          <span className="flex items-center gap-1" title={t("leadScoreHint")}>
            <InterestChip level={deal.interestLevel} />
            {deal.leadScore !== null && <span className="tabular-nums text-muted-foreground">{deal.leadScore}</span>}
          </span>
        )}
      </div>
      <div className="mt-1.5 flex items-center justify-between gap-2 text-xs text-muted-foreground">
        <span className="truncate">{deal.ownerName ?? t("noOwner")}</span>
        <span title={t("daysInStageHint")} className="shrink-0">
          {t("daysInStage", { days })}
        </span>
      </div>
      {deal.nextTaskDueAt && (
        <div
          className={cn("mt-1 flex items-center gap-1 text-xs", overdue ? "text-destructive" : "text-muted-foreground")}
          title={t("nextTaskHint")}
        >
          <CalendarClock className="size-3.5" aria-hidden />
          {format.dateTime(new Date(deal.nextTaskDueAt), { dateStyle: "medium", timeStyle: "short" })}
        </div>
      )}
      <DealSuggestion
        deal={deal}
        lostStage={deal.suggestion ? actions.lostStageIds.has(deal.suggestion.toStageId) : false}
        canWrite={actions.canWrite}
      />
    </>
  );
}
