"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { NetworkIcon } from "@/components/channels/channel-icon";
import { useTimes } from "@/components/inbox/use-times";
import { InterestChip } from "@/components/leads/lead-badges";
import { Avatar } from "@/components/ui/avatar";
import { cn } from "@/components/ui/cn";
import { SortHeader } from "@/components/ui/sort-header";
import type { ClientSort, ClientSummary, TableState } from "./contacts-api";

/** Every contact, with a checkbox for bulk actions; the name opens the contact's page. */
export function ContactsTable({
  clients,
  state,
  onSort,
  selected,
  onSelect,
  dimmed,
}: {
  clients: ClientSummary[];
  state: TableState;
  onSort: (sort: ClientSort) => void;
  selected: Set<string>;
  onSelect: (ids: string[], on: boolean) => void;
  dimmed: boolean;
}) {
  const t = useTranslations("contactsPage.table");
  const times = useTimes();
  const all = clients.length > 0 && clients.every((c) => selected.has(c.id));
  return (
    <div className="overflow-x-auto">
      <table
        className={cn("w-full text-left text-sm transition-opacity", dimmed && "opacity-60")}
        data-testid="contacts-table"
      >
        <thead className="border-b bg-muted/40 text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="w-10 py-2 pl-4">
              <input
                type="checkbox"
                className="size-4 cursor-pointer accent-primary"
                aria-label={t("selectAll")}
                checked={all}
                onChange={(e) =>
                  onSelect(
                    clients.map((c) => c.id),
                    e.target.checked,
                  )
                }
              />
            </th>
            <SortHeader label={t("name")} sortKey="name" sort={state.sort} order={state.order} onSort={onSort} />
            <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">
              {t("contact")}
            </th>
            <th scope="col" className="hidden px-3 py-2 font-medium lg:table-cell">
              {t("company")}
            </th>
            <SortHeader
              label={t("lead")}
              sortKey="score"
              sort={state.sort}
              order={state.order}
              onSort={onSort}
              className="hidden sm:table-cell"
            />
            <th scope="col" className="hidden px-3 py-2 font-medium lg:table-cell">
              {t("owner")}
            </th>
            <SortHeader
              label={t("created")}
              sortKey="created"
              sort={state.sort}
              order={state.order}
              onSort={onSort}
              className="hidden sm:table-cell"
            />
          </tr>
        </thead>
        <tbody className="divide-y">
          {clients.map((c) => (
            <tr
              key={c.id}
              className={cn("hover:bg-muted/40", selected.has(c.id) && "bg-primary/5")}
              data-contact-id={c.id}
            >
              <td className="py-2.5 pl-4 align-middle">
                <input
                  type="checkbox"
                  className="size-4 cursor-pointer accent-primary"
                  aria-label={t("select", { name: c.name || t("noName") })}
                  checked={selected.has(c.id)}
                  onChange={(e) => onSelect([c.id], e.target.checked)}
                />
              </td>
              <td className="max-w-0 px-3 py-2.5 sm:max-w-none">
                <Link
                  href={`/contacts/${c.id}`}
                  className="flex min-w-0 items-center gap-2.5 rounded font-medium outline-none hover:underline focus-visible:ring-3 focus-visible:ring-ring/30"
                  data-testid="contact-link"
                >
                  <Avatar name={c.name || "?"} className="size-7 shrink-0 text-[11px]" />
                  <span className="min-w-0">
                    <span className="block truncate">{c.name || t("noName")}</span>
                    <span className="flex items-center gap-1 text-xs font-normal text-muted-foreground md:hidden">
                      <span className="truncate">{c.phone ?? c.email ?? (c.username ? `@${c.username}` : "")}</span>
                    </span>
                  </span>
                  <span className="ml-auto flex shrink-0 gap-1 text-muted-foreground">
                    {c.networks.map((n) => (
                      <NetworkIcon key={n} network={n} className="size-3.5" />
                    ))}
                  </span>
                </Link>
                {c.tags.length > 0 && (
                  <div className="mt-1 ml-9.5 flex flex-wrap gap-1">
                    {c.tags.slice(0, 4).map((tag) => (
                      <span key={tag} className="rounded bg-muted px-1.5 py-0.5 text-[11px] text-muted-foreground">
                        {tag}
                      </span>
                    ))}
                  </div>
                )}
              </td>
              <td className="hidden px-3 py-2.5 text-muted-foreground md:table-cell">
                <div className="truncate">{c.phone ?? "—"}</div>
                {c.email && <div className="truncate text-xs">{c.email}</div>}
              </td>
              <td className="hidden px-3 py-2.5 lg:table-cell">
                {c.companyName ?? <span className="text-muted-foreground">—</span>}
              </td>
              <td className="hidden px-3 py-2.5 sm:table-cell">
                {c.interestLevel ? (
                  <span className="flex items-center gap-2">
                    <InterestChip level={c.interestLevel} />
                    <span className="text-xs text-muted-foreground tabular-nums">{c.score}</span>
                  </span>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </td>
              <td className="hidden px-3 py-2.5 lg:table-cell">
                {c.ownerName ?? <span className="text-muted-foreground">{t("shared")}</span>}
              </td>
              <td className="hidden px-3 py-2.5 text-muted-foreground sm:table-cell">{times.short(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
