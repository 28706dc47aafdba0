"use client";

import { KanbanSquare, List, Search, SlidersHorizontal, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useChannels } from "@/components/channels/use-channels";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { MemberOptions } from "@/components/shell/member-options";
import type { Filters } from "./pipeline-api";

export type View = "board" | "list";

const selectClass = "h-9 rounded-md border border-input bg-card px-2 text-sm shadow-xs";

/** Search, owner / "my deals", interest, channel and tag, and the board / list switch: one row, wraps on a phone. */
export function BoardFilters({
  filters,
  onChange,
  view,
  onView,
}: {
  filters: Filters;
  onChange: (f: Filters) => void;
  view: View;
  onView: (v: View) => void;
}) {
  const t = useTranslations("pipelineBoard.filters");
  const channels = useChannels();
  const [q, setQ] = useState(filters.q ?? "");
  const [tag, setTag] = useState(filters.tag ?? "");
  const [open, setOpen] = useState(false);
  // Typing settles for a moment before the board refetches.
  useEffect(() => {
    const id = setTimeout(() => {
      if ((filters.q ?? "") !== q.trim() || (filters.tag ?? "") !== tag.trim())
        onChange({ ...filters, q: q.trim() || undefined, tag: tag.trim() || undefined });
    }, 300);
    return () => clearTimeout(id);
  }, [q, tag, filters, onChange]);
  const owner = filters.mine ? "__mine" : (filters.ownerId ?? "");
  const active = Object.values(filters).some((v) => v !== undefined && v !== false && v !== "");
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="board-filters">
      <div className="relative w-full sm:w-60">
        <Search className="absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden />
        <Input
          className="pl-8"
          placeholder={t("search")}
          aria-label={t("search")}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="deal-search"
        />
      </div>
      <Button
        variant="outline"
        size="sm"
        className="sm:hidden"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="filters-toggle"
      >
        <SlidersHorizontal aria-hidden />
        {t("more")}
      </Button>
      {/* On a phone the selects fold away behind the button so the board starts near the top. */}
      <div className={cn("contents", !open && "max-sm:hidden")}>
        <select
          aria-label={t("owner")}
          className={selectClass}
          value={owner}
          onChange={(e) => {
            const v = e.target.value;
            onChange({ ...filters, mine: v === "__mine" || undefined, ownerId: v && v !== "__mine" ? v : undefined });
          }}
          data-testid="filter-owner"
        >
          <option value="">{t("anyOwner")}</option>
          <option value="__mine">{t("mine")}</option>
          <MemberOptions />
        </select>
        <select
          aria-label={t("interest")}
          className={selectClass}
          value={filters.interest ?? ""}
          onChange={(e) => onChange({ ...filters, interest: (e.target.value || undefined) as Filters["interest"] })}
          data-testid="filter-interest"
        >
          <option value="">{t("anyInterest")}</option>
          <option value="hot">{t("hot")}</option>
          <option value="warm">{t("warm")}</option>
          <option value="cold">{t("cold")}</option>
        </select>
        {(channels.data?.length ?? 0) > 0 && (
          <select
            aria-label={t("channel")}
            className={selectClass}
            value={filters.channelId ?? ""}
            onChange={(e) => onChange({ ...filters, channelId: e.target.value || undefined })}
          >
            <option value="">{t("anyChannel")}</option>
            {channels.data!.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
        <Input
          className="w-32"
          placeholder={t("tag")}
          aria-label={t("tag")}
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          maxLength={50}
        />
      </div>
      {active && (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setQ("");
            setTag("");
            onChange({});
          }}
        >
          <X aria-hidden />
          {t("clear")}
        </Button>
      )}
      <div className="ml-auto flex rounded-md border bg-card p-0.5" role="group" aria-label={t("view")}>
        {(
          [
            ["board", KanbanSquare],
            ["list", List],
          ] as const
        ).map(([v, Icon]) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            onClick={() => onView(v)}
            className={cn(
              "flex h-8 cursor-pointer items-center gap-1.5 rounded px-2.5 text-sm text-muted-foreground",
              view === v && "bg-muted font-medium text-foreground",
            )}
            data-testid={`view-${v}`}
          >
            <Icon className="size-4" aria-hidden />
            {t(v)}
          </button>
        ))}
      </div>
    </div>
  );
}
