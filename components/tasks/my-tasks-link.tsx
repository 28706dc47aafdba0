"use client";

import { useQuery } from "@tanstack/react-query";
import { ListTodo } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { DropdownMenuItem } from "@/components/ui/dropdown-menu";
import { fetchTasks, taskKeys } from "./tasks-api";

/** The bell's way to My tasks, with how many of mine are overdue. */
export function MyTasksLink() {
  const t = useTranslations("tasks");
  const router = useRouter();
  const overdue = useQuery({
    queryKey: taskKeys.list({ assignee: "me", overdue: "true" }),
    queryFn: ({ signal }) => fetchTasks({ assignee: "me", overdue: "true", limit: "100" }, signal),
    staleTime: 30_000,
  });
  const count = overdue.data?.tasks.length ?? 0;
  return (
    <DropdownMenuItem
      className="m-1 justify-between"
      onSelect={() => router.push("/tasks")}
      data-testid="bell-my-tasks"
    >
      <span className="flex items-center gap-2">
        <ListTodo aria-hidden />
        {t("bellLink")}
      </span>
      {count > 0 && (
        <span className="rounded-full bg-destructive/10 px-2 py-0.5 text-[11px] font-medium text-destructive tabular-nums">
          {t("bellOverdue", { count: count >= 100 ? 99 : count })}
        </span>
      )}
    </DropdownMenuItem>
  );
}
