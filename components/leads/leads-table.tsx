"use client";

import { CircleCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { PhoneLink } from "@/components/telephony/phone-link";
import { ChannelIcon } from "@/components/channels/channel-icon";
import { useTimes } from "@/components/inbox/use-times";
import { Avatar } from "@/components/ui/avatar";
import { SpamBadge } from "./spam-badge";
import { cn } from "@/components/ui/cn";
import { SortHeader } from "@/components/ui/sort-header";
import type { ChannelType } from "@/lib/channels/types";
import { InterestChip, OfflineBadge, ScoreMeter } from "./lead-badges";
import type { Lead, LeadFilters, SortKey } from "./leads-api";

/** Leads, hottest first by default; j/k move the cursor row, Enter or a click opens it. */
export function LeadsTable({
  leads,
  filters,
  onSort,
  cursor,
  onOpen,
  dimmed,
}: {
  leads: Lead[];
  filters: LeadFilters;
  onSort: (sort: SortKey) => void;
  cursor: string | null;
  onOpen: (id: string) => void;
  dimmed: boolean;
}) {
  const t = useTranslations("leads.table");
  const tStage = useTranslations("leads.stages");
  const tNiche = useTranslations("leads.niches");
  const times = useTimes();
  return (
    <div className="overflow-x-auto">
      <table
        className={cn("w-full text-left text-sm transition-opacity", dimmed && "opacity-60")}
        data-testid="leads-table"
      >
        <thead className="border-b bg-muted/40 text-xs text-muted-foreground">
          <tr>
            <SortHeader
              label={t("name")}
              sortKey="name"
              sort={filters.sort}
              order={filters.order}
              onSort={onSort}
              className="pl-4"
            />
            <SortHeader label={t("score")} sortKey="score" sort={filters.sort} order={filters.order} onSort={onSort} />
            <th scope="col" className="px-3 py-2 font-medium">
              {t("interest")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("stage")}
            </th>
            <th scope="col" className="hidden px-3 py-2 font-medium lg:table-cell">
              {t("niche")}
            </th>
            <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">
              {t("qualification")}
            </th>
            <SortHeader
              label={t("analyzed")}
              sortKey="analyzedAt"
              sort={filters.sort}
              order={filters.order}
              onSort={onSort}
              className="hidden pr-4 sm:table-cell"
            />
          </tr>
        </thead>
        <tbody className="divide-y">
          {leads.map((lead) => {
            const answered = lead.qualification
              ? Object.values(lead.qualification).filter((a) => a !== null).length
              : 0;
            return (
              <tr
                key={lead.id}
                tabIndex={0}
                onClick={() => onOpen(lead.id)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    e.preventDefault();
                    onOpen(lead.id);
                  }
                }}
                aria-selected={cursor === lead.id}
                data-testid="lead-row"
                data-lead-id={lead.id}
                className={cn(
                  "cursor-pointer transition-colors outline-none hover:bg-muted/50 focus-visible:bg-muted/60",
                  cursor === lead.id && "bg-accent/70 hover:bg-accent/70",
                )}
              >
                <td className="relative py-2.5 pr-3 pl-4">
                  {cursor === lead.id && (
                    <span className="absolute inset-y-1.5 left-0 w-0.5 rounded-full bg-primary" aria-hidden />
                  )}
                  <span className="flex items-center gap-2.5">
                    <span className="relative flex size-8 shrink-0">
                      <Avatar name={lead.contactName} seed={lead.contactId} className="size-8 text-[11px]" />
                      {lead.channelType && (
                        <ChannelIcon
                          type={lead.channelType as ChannelType}
                          className="absolute -right-1 -bottom-1 size-4 rounded-full ring-2 ring-background"
                        />
                      )}
                    </span>
                    <span className="min-w-0">
                      <span className="block max-w-56 truncate font-medium">{lead.name ?? lead.contactName}</span>
                      <span className="flex items-center gap-1.5 text-xs text-muted-foreground">
                        <span className="max-w-40 truncate">{lead.instanceName ?? t(`source.${lead.source}`)}</span>
                        {lead.engine === "offline" && <OfflineBadge />}
                        {lead.isSpam && <SpamBadge />}
                        {lead.phone && <PhoneLink phone={lead.phone} contactId={lead.contactId} compact />}
                      </span>
                    </span>
                  </span>
                </td>
                <td className="px-3 py-2.5">
                  <ScoreMeter score={lead.score} level={lead.interestLevel} />
                </td>
                <td className="px-3 py-2.5">
                  <InterestChip level={lead.interestLevel} />
                </td>
                <td className="px-3 py-2.5 text-[13px] whitespace-nowrap">
                  {lead.funnelStage ? tStage(lead.funnelStage as never) : "—"}
                </td>
                <td className="hidden px-3 py-2.5 text-[13px] text-muted-foreground lg:table-cell">
                  {lead.niche ? tNiche(lead.niche as never) : "—"}
                </td>
                <td className="hidden px-3 py-2.5 md:table-cell">
                  {lead.qualificationComplete ? (
                    <span className="inline-flex items-center gap-1 text-xs font-medium text-success">
                      <CircleCheck className="size-3.5" aria-hidden />
                      {t("complete")}
                    </span>
                  ) : (
                    <span className="text-xs text-muted-foreground tabular-nums">{t("answered", { n: answered })}</span>
                  )}
                </td>
                <td className="hidden py-2.5 pr-4 pl-3 text-xs whitespace-nowrap text-muted-foreground sm:table-cell">
                  {lead.analyzedAt ? (
                    <time dateTime={lead.analyzedAt} title={times.full(lead.analyzedAt)}>
                      {times.short(lead.analyzedAt)}
                    </time>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
