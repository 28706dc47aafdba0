"use client";

import { Search, X } from "lucide-react";
import { useTranslations } from "next-intl";
import type { RefObject } from "react";
import { Input } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import type { Member } from "@/lib/client/types";
import type { ClientFilters } from "./contacts-api";

export const selectClass =
  "h-9 min-w-0 cursor-pointer rounded-md border border-input bg-card px-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/20";

/** Search and the table's filters: channel, tag, owner, lead interest, created between. */
export function ContactsFilters({
  filters,
  onChange,
  search,
  onSearch,
  searchRef,
  members,
}: {
  filters: ClientFilters;
  onChange: (filters: ClientFilters) => void;
  search: string;
  onSearch: (q: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  members: Member[];
}) {
  const t = useTranslations("contactsPage.filters");
  const set = (patch: Partial<ClientFilters>) => onChange({ ...filters, ...patch });
  const active = Object.values(filters).some(Boolean);
  return (
    <div className="grid gap-2" data-testid="contacts-filters">
      <div className="relative">
        <Search className="pointer-events-none absolute top-2.5 left-3 size-4 text-muted-foreground" aria-hidden />
        <Input
          ref={searchRef}
          type="search"
          value={search}
          onChange={(e) => onSearch(e.target.value)}
          placeholder={t("search")}
          aria-label={t("search")}
          className="pl-9"
          data-testid="contacts-search"
        />
      </div>
      <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center">
        <select
          aria-label={t("channel")}
          className={selectClass}
          value={filters.network ?? ""}
          onChange={(e) => set({ network: (e.target.value || undefined) as ClientFilters["network"] })}
        >
          <option value="">{t("anyChannel")}</option>
          <option value="telegram">Telegram</option>
          <option value="whatsapp">WhatsApp</option>
          <option value="instagram">Instagram</option>
        </select>
        <select
          aria-label={t("owner")}
          className={selectClass}
          value={filters.owner ?? ""}
          onChange={(e) => set({ owner: e.target.value || undefined })}
        >
          <option value="">{t("anyOwner")}</option>
          <option value="me">{t("mine")}</option>
          <option value="none">{t("unassigned")}</option>
          {members.map((m) => (
            <option key={m.user_id} value={m.user_id}>
              {m.full_name || m.email}
            </option>
          ))}
        </select>
        <select
          aria-label={t("interest")}
          className={selectClass}
          value={filters.interest ?? ""}
          onChange={(e) => set({ interest: (e.target.value || undefined) as ClientFilters["interest"] })}
        >
          <option value="">{t("anyInterest")}</option>
          <option value="hot">{t("hot")}</option>
          <option value="warm">{t("warm")}</option>
          <option value="cold">{t("cold")}</option>
          <option value="none">{t("notAnalysed")}</option>
        </select>
        <Input
          aria-label={t("tag")}
          placeholder={t("tag")}
          value={filters.tag ?? ""}
          onChange={(e) => set({ tag: e.target.value.trim() || undefined })}
          className="sm:w-32"
        />
        <label className="col-span-2 flex items-center gap-1 text-xs text-muted-foreground sm:col-span-1">
          <span className="w-20 shrink-0 sm:w-auto">{t("createdFrom")}</span>
          <Input
            type="date"
            value={filters.createdFrom ?? ""}
            onChange={(e) => set({ createdFrom: e.target.value || undefined })}
            className="sm:w-36"
          />
        </label>
        <label className="col-span-2 flex items-center gap-1 text-xs text-muted-foreground sm:col-span-1">
          <span className="w-20 shrink-0 sm:w-auto">{t("createdTo")}</span>
          <Input
            type="date"
            value={filters.createdTo ?? ""}
            onChange={(e) => set({ createdTo: e.target.value || undefined })}
            className="sm:w-36"
          />
        </label>
        {active && (
          <button
            type="button"
            onClick={() => onChange({})}
            className={cn(
              "inline-flex h-9 cursor-pointer items-center gap-1 rounded-md px-2 text-sm text-muted-foreground hover:bg-muted hover:text-foreground",
            )}
          >
            <X className="size-4" aria-hidden />
            {t("clear")}
          </button>
        )}
      </div>
    </div>
  );
}
