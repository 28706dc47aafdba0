"use client";

import { Search, X } from "lucide-react";
import { useTranslations } from "next-intl";
import type { Ref } from "react";
import type { ChannelView } from "@/components/channels/use-channels";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { FUNNEL_STAGES, INTEREST_LEVELS, type InterestLevel, type LeadFilters } from "./leads-api";

const ANY = "any";

/** Name search (/), interest, minimum score, stage, channel and "qualified on all four questions". */
export function LeadsFilters({
  filters,
  onChange,
  search,
  onSearch,
  searchRef,
  channels,
}: {
  filters: LeadFilters;
  onChange: (filters: LeadFilters) => void;
  search: string;
  onSearch: (value: string) => void;
  searchRef: Ref<HTMLInputElement>;
  channels: ChannelView[];
}) {
  const t = useTranslations("leads.filters");
  const tInterest = useTranslations("leads.interest");
  const tStage = useTranslations("leads.stages");
  const set = (patch: Partial<LeadFilters>) => onChange({ ...filters, ...patch });
  const active =
    filters.interestLevel ||
    filters.minScore !== undefined ||
    filters.funnelStage ||
    filters.channelId ||
    filters.qualificationComplete !== undefined;
  const trigger = "h-8 w-auto min-w-0 gap-1.5 text-[13px]";
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="leads-filters">
      <div className="relative w-full sm:w-56">
        <Search
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
          aria-hidden
        />
        <Input
          ref={searchRef}
          type="search"
          value={search}
          onChange={(e) => onSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              if (search) onSearch("");
              else e.currentTarget.blur();
            }
          }}
          placeholder={t("search")}
          aria-label={t("search")}
          className="h-8 pl-8 text-[13px]"
        />
      </div>
      <Select
        value={filters.interestLevel ?? ANY}
        onValueChange={(v) => set({ interestLevel: v === ANY ? undefined : (v as InterestLevel) })}
      >
        <SelectTrigger aria-label={t("interest")} className={trigger} data-testid="filter-interest">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ANY}>{t("anyInterest")}</SelectItem>
          {INTEREST_LEVELS.map((level) => (
            <SelectItem key={level} value={level}>
              {tInterest(level)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <label className="flex h-8 items-center gap-1.5 rounded-md border border-input bg-card pl-2.5 text-[13px] shadow-xs">
        <span className="text-muted-foreground">{t("minScore")}</span>
        <input
          type="number"
          min={0}
          max={100}
          step={5}
          value={filters.minScore ?? ""}
          onChange={(e) => {
            const n = e.target.value === "" ? undefined : Math.min(100, Math.max(0, Number(e.target.value)));
            set({ minScore: Number.isFinite(n) ? n : undefined });
          }}
          placeholder="0"
          className="h-full w-12 bg-transparent pr-1 tabular-nums outline-none"
          data-testid="filter-min-score"
        />
      </label>
      <Select value={filters.funnelStage ?? ANY} onValueChange={(v) => set({ funnelStage: v === ANY ? undefined : v })}>
        <SelectTrigger aria-label={t("stage")} className={trigger}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ANY}>{t("anyStage")}</SelectItem>
          {FUNNEL_STAGES.map((stage) => (
            <SelectItem key={stage} value={stage}>
              {tStage(stage)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {channels.length > 1 && (
        <Select value={filters.channelId ?? ANY} onValueChange={(v) => set({ channelId: v === ANY ? undefined : v })}>
          <SelectTrigger aria-label={t("channel")} className={trigger}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>{t("anyChannel")}</SelectItem>
            {channels.map((channel) => (
              <SelectItem key={channel.id} value={channel.id}>
                {channel.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      )}
      <Select
        value={filters.qualificationComplete === undefined ? ANY : String(filters.qualificationComplete)}
        onValueChange={(v) => set({ qualificationComplete: v === ANY ? undefined : v === "true" })}
      >
        <SelectTrigger aria-label={t("qualification")} className={trigger}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ANY}>{t("anyQualification")}</SelectItem>
          <SelectItem value="true">{t("qualified")}</SelectItem>
          <SelectItem value="false">{t("notQualified")}</SelectItem>
        </SelectContent>
      </Select>
      {active && (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => onChange({ sort: filters.sort, order: filters.order })}
          className="text-muted-foreground"
        >
          <X aria-hidden />
          {t("clear")}
        </Button>
      )}
    </div>
  );
}
