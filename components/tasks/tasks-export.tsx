"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { csvDelimiterFor, ExportButtons } from "@/components/exports/export-buttons";
import { nativeSelectClass } from "@/components/ui/native-select";
import { cn } from "@/components/ui/cn";

const STATUSES = ["open", "done", "all"] as const;
type Status = (typeof STATUSES)[number];

/** URL of My tasks as CSV: the page's filter (mine) and a status, as GET /api/tasks/export takes them. */
export const myTasksExportUrl = (status: Status, delimiter: string) =>
  `/api/tasks/export?${new URLSearchParams({ assignee: "me", status, delimiter })}`;

/**
 * My tasks' exports. The page shows open tasks and the last few done ones, so which of them to export is a
 * choice of its own, joined to the button as the contacts' separator is.
 */
export function TasksExport() {
  const t = useTranslations("tasks.export");
  const locale = useLocale();
  const [status, setStatus] = useState<Status>("open");
  return (
    <ExportButtons
      kind="tasks"
      href={myTasksExportUrl(status, csvDelimiterFor(locale))}
      testId="tasks-export"
      addon={
        <select
          aria-label={t("status")}
          className={cn(nativeSelectClass, "h-8 rounded-l-none border-l-0 text-xs")}
          value={status}
          onChange={(e) => setStatus(e.target.value as Status)}
          data-testid="tasks-export-status"
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(s)}
            </option>
          ))}
        </select>
      }
    />
  );
}
