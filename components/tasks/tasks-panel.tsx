"use client";

import { useQuery } from "@tanstack/react-query";
import { ListTodo } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMe } from "@/components/shell/use-me";
import { PanelHeading } from "@/components/ui/panel-heading";
import { Skeleton } from "@/components/ui/skeleton";
import { roleAtLeast } from "@/lib/client/types";
import { QuickAdd } from "./quick-add";
import { TaskRow } from "./task-row";
import { fetchTasks, taskKeys, type TaskScope } from "./tasks-api";
import { useTaskActions } from "./use-task-actions";

/**
 * The tasks of one deal, client or conversation, for the deal drawer, the contact page and the inbox's contact
 * panel: open ones by due time, the last few done, a quick add linked to what the panel is about.
 */
export function TasksPanel({ prominent, ...scope }: TaskScope & { prominent?: boolean }) {
  const t = useTranslations("tasks");
  const me = useMe();
  const canWrite = roleAtLeast(me.role, "agent");
  const actions = useTaskActions();
  const [editing, setEditing] = useState<string | null>(null);
  const [showDone, setShowDone] = useState(false);
  const filter = { dealId: scope.dealId, contactId: scope.contactId, conversationId: scope.conversationId };
  const open = useQuery({
    queryKey: taskKeys.list({ ...filter, status: "open" }),
    queryFn: ({ signal }) => fetchTasks({ ...filter, status: "open", limit: "50" }, signal),
  });
  const done = useQuery({
    queryKey: taskKeys.list({ ...filter, status: "done" }),
    queryFn: ({ signal }) => fetchTasks({ ...filter, status: "done", limit: "5" }, signal),
    enabled: showDone,
  });
  const rows = (list: typeof open.data) =>
    list?.tasks.map((task) => (
      <TaskRow
        key={task.id}
        task={task}
        actions={actions}
        canWrite={canWrite}
        compact
        editing={editing === task.id}
        onEditingChange={(on) => setEditing(on ? task.id : null)}
      />
    ));
  return (
    <section className="grid gap-2" aria-label={t("panelTitle")} data-testid="tasks-panel">
      <PanelHeading icon={ListTodo} prominent={prominent}>
        {t("panelTitle")}
        {open.data && open.data.tasks.length > 0 && <span className="tabular-nums">· {open.data.tasks.length}</span>}
      </PanelHeading>
      {open.isPending ? (
        <Skeleton className="h-10 w-full" />
      ) : open.isError ? (
        <p className="text-xs text-destructive">{t("loadFailed")}</p>
      ) : open.data.tasks.length === 0 ? (
        <p className="text-xs text-muted-foreground">{t("panelEmpty")}</p>
      ) : (
        <ul className="-mx-2 grid">{rows(open.data)}</ul>
      )}
      {canWrite && <QuickAdd actions={actions} scope={scope} compact />}
      <button
        type="button"
        className="w-fit cursor-pointer text-xs text-muted-foreground hover:text-foreground hover:underline"
        onClick={() => setShowDone((v) => !v)}
        aria-expanded={showDone}
      >
        {showDone ? t("hideDone") : t("showDone")}
      </button>
      {showDone &&
        done.data &&
        (done.data.tasks.length ? (
          <ul className="-mx-2 grid">{rows(done.data)}</ul>
        ) : (
          <p className="text-xs text-muted-foreground">{t("noneDone")}</p>
        ))}
    </section>
  );
}
