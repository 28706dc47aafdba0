"use client";

import { ChevronDown, Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { exportUrl, type DashboardFilters, type Report } from "./analytics-api";

/**
 * The report's other tables as CSV (a widget draws one; the rest — per channel, per member, lost reasons… —
 * would otherwise be reachable only through the API), under the dashboard's filters.
 */
export function TableDownloads({
  report,
  shown,
  filters,
  sep,
}: {
  report: Report;
  shown: string;
  filters: DashboardFilters;
  sep: "," | ";";
}) {
  const t = useTranslations("analytics.card");
  const tables = useTranslations("analytics.tables");
  const others = Object.keys(report.tables).filter((name) => name !== shown);
  if (!others.length) return null;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="px-1.5" aria-label={t("moreTables")} data-testid="csv-more">
          <ChevronDown className="size-4" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>{t("moreTables")}</DropdownMenuLabel>
        {others.map((name) => (
          <DropdownMenuItem key={name} asChild>
            <a href={exportUrl(report.report, name, filters, sep)} download data-testid={`csv-${name}`}>
              <Download aria-hidden />
              {tables.has(name) ? tables(name) : name}
            </a>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
