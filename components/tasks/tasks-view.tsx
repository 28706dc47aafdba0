"use client";

import { CalendarDays, ListTodo } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { PageHeader } from "@/components/shell/page-header";
import { cn } from "@/components/ui/cn";
import { MyTasks } from "./my-tasks";
import { TasksExport } from "./tasks-export";
import { WeekView } from "./week-view";

/** /tasks: my tasks, or (?view=week) the appointments' week with the free slots. */
export function TasksView() {
  const t = useTranslations("tasks");
  const week = useSearchParams().get("view") === "week";
  const tab = (active: boolean) =>
    cn(
      "inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-[13px] font-medium transition-colors",
      active ? "bg-card text-foreground shadow-xs" : "text-muted-foreground hover:text-foreground",
    );
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-5 p-4 sm:p-6">
      <PageHeader
        title={t("title")}
        subtitle={week ? t("weekSubtitle") : t("subtitle")}
        actions={
          <>
            <nav className="flex rounded-lg bg-muted p-0.5" aria-label={t("views")}>
              <Link
                href="/tasks"
                className={tab(!week)}
                aria-current={!week ? "page" : undefined}
                data-testid="tab-tasks"
              >
                <ListTodo className="size-4" aria-hidden />
                {t("myTasks")}
              </Link>
              <Link
                href="/tasks?view=week"
                className={tab(week)}
                aria-current={week ? "page" : undefined}
                data-testid="tab-week"
              >
                <CalendarDays className="size-4" aria-hidden />
                {t("week")}
              </Link>
            </nav>
            {!week && <TasksExport />}
          </>
        }
      />
      {week ? <WeekView /> : <MyTasks />}
    </div>
  );
}
