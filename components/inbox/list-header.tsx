"use client";

import { Bell, BellOff, Search, X } from "lucide-react";
import { useTranslations } from "next-intl";
import type { Ref } from "react";
import type { ChannelView } from "@/components/channels/use-channels";
import { useLiveStatus } from "@/components/shell/app-shell";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Kbd } from "@/components/ui/kbd";
import { useAlertsSetting } from "./alerts";
import type { InboxFilters } from "./inbox-api";
import { InboxFiltersBar } from "./inbox-filters";

/** Title, live state, the alerts switch, search (/) and filters, above the conversation list. */
export function ListHeader({
  search,
  onSearch,
  searchRef,
  filters,
  onFilters,
  channels,
}: {
  search: string;
  onSearch: (value: string) => void;
  searchRef: Ref<HTMLInputElement>;
  filters: InboxFilters;
  onFilters: (filters: InboxFilters) => void;
  channels: ChannelView[];
}) {
  const t = useTranslations("inbox");
  const live = useLiveStatus() === "connected";
  const [alerts, setAlerts] = useAlertsSetting();
  return (
    <div className="grid gap-3 border-b px-3 pt-4 pb-3">
      <div className="flex items-center gap-2 px-1">
        <h1 className="text-lg font-semibold tracking-tight">{t("title")}</h1>
        <span
          className={cn("size-2 rounded-full", live ? "bg-success" : "bg-muted-foreground/40")}
          title={t(live ? "live" : "offline")}
          aria-label={t(live ? "live" : "offline")}
          role="img"
        />
        <Button
          variant="ghost"
          size="icon-sm"
          className="ml-auto text-muted-foreground"
          aria-pressed={alerts}
          aria-label={t(alerts ? "alertsOff" : "alertsOn")}
          title={t(alerts ? "alertsOff" : "alertsOn")}
          onClick={() => setAlerts(!alerts)}
          data-testid="alerts-toggle"
        >
          {alerts ? <Bell className="text-primary" aria-hidden /> : <BellOff aria-hidden />}
        </Button>
      </div>
      <div className="relative">
        <Search
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
          aria-hidden
        />
        <input
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
          placeholder={t("searchPlaceholder")}
          aria-label={t("search")}
          className="h-9 w-full rounded-lg border border-input bg-card pr-9 pl-8 text-sm shadow-xs outline-none placeholder:text-muted-foreground/70 focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/20 [&::-webkit-search-cancel-button]:hidden"
        />
        {search ? (
          <button
            type="button"
            onClick={() => onSearch("")}
            aria-label={t("clearSearch")}
            className="absolute top-1/2 right-2 -translate-y-1/2 cursor-pointer rounded p-0.5 text-muted-foreground hover:text-foreground"
          >
            <X className="size-4" aria-hidden />
          </button>
        ) : (
          <Kbd className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2">/</Kbd>
        )}
      </div>
      <InboxFiltersBar filters={filters} channels={channels} onChange={onFilters} />
    </div>
  );
}
