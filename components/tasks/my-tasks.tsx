"use client";

import { useQuery } from "@tanstack/react-query";
import { ListTodo } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useNow, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { LoadError } from "@/components/settings/query-state";
import { isTyping } from "@/components/shell/shortcuts";
import { useMe } from "@/components/shell/use-me";
import { EmptyState } from "@/components/ui/empty-state";
import { Kbd } from "@/components/ui/kbd";
import { Skeleton } from "@/components/ui/skeleton";
import { roleAtLeast } from "@/lib/client/types";
import { QuickAdd } from "./quick-add";
import { TaskRow } from "./task-row";
import { bucketOf, fetchTasks, taskKeys, type Task } from "./tasks-api";
import { useTaskActions } from "./use-task-actions";

const GROUPS = ["overdue", "today", "upcoming", "someday", "done"] as const;
type Group = (typeof GROUPS)[number];

/** My tasks: overdue, today, upcoming, undated and recently done; N new, J/K move, X done, E edit. */
export function MyTasks() {
  const t = useTranslations("tasks");
  const me = useMe();
  const canWrite = roleAtLeast(me.role, "agent");
  const actions = useTaskActions();
  // Often enough that a task falls into "overdue" within seconds of its due time.
  const now = useNow({ updateInterval: 5_000 });
  const open = useQuery({
    queryKey: taskKeys.list({ assignee: "me", status: "open" }),
    queryFn: ({ signal }) => fetchTasks({ assignee: "me", status: "open", limit: "200" }, signal),
  });
  const done = useQuery({
    queryKey: taskKeys.list({ assignee: "me", status: "done" }),
    queryFn: ({ signal }) => fetchTasks({ assignee: "me", status: "done", limit: "20" }, signal),
  });
  const groups = useMemo(() => {
    const by: Record<Group, Task[]> = { overdue: [], today: [], upcoming: [], someday: [], done: [] };
    for (const task of open.data?.tasks ?? []) by[bucketOf(task, now)].push(task);
    by.done = done.data?.tasks ?? [];
    return by;
  }, [open.data, done.data, now]);
  const flat = useMemo(() => GROUPS.flatMap((g) => groups[g]), [groups]);

  const linked = useSearchParams().get("task");
  const [selected, setSelected] = useState<string | null>(linked);
  // A notice's link opens the page on its task, also when the page is open already.
  const [shownLink, setShownLink] = useState(linked);
  if (linked !== shownLink) {
    setShownLink(linked);
    setSelected(linked);
  }
  const [editing, setEditing] = useState<string | null>(null);
  const newRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!selected) return;
    document.querySelector(`[data-task-id="${selected}"]`)?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      // By physical key, so a Russian layout works too.
      const key = /^Key([A-Z])$/.exec(e.code)?.[1]?.toLowerCase();
      if (!key) return;
      const index = flat.findIndex((task) => task.id === selected);
      const current = index >= 0 ? flat[index] : undefined;
      if (key === "n" && canWrite) {
        e.preventDefault();
        newRef.current?.focus();
      } else if (key === "j" || key === "k") {
        if (!flat.length) return;
        e.preventDefault();
        const next = key === "j" ? Math.min(flat.length - 1, index + 1) : Math.max(0, index < 0 ? 0 : index - 1);
        setSelected(flat[next].id);
      } else if (key === "x" && current && canWrite) {
        e.preventDefault();
        actions.toggle(current);
      } else if (key === "e" && current && canWrite) {
        e.preventDefault();
        setEditing(current.id);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [flat, selected, canWrite, actions]);

  const error = open.error ?? done.error;
  const nothing = open.data && done.data && flat.length === 0;
  return (
    <div className="grid gap-5">
      {canWrite && (
        <div className="grid gap-1.5">
          <QuickAdd actions={actions} inputRef={newRef} />
          <p className="hidden items-center gap-1.5 text-xs text-muted-foreground sm:flex">
            <Kbd>N</Kbd> {t("keyNew")} · <Kbd>J</Kbd>/<Kbd>K</Kbd> {t("keyMove")} · <Kbd>X</Kbd> {t("keyDone")} ·{" "}
            <Kbd>E</Kbd> {t("keyEdit")}
          </p>
        </div>
      )}
      {error ? (
        <LoadError error={error} onRetry={() => void (open.refetch(), done.refetch())} />
      ) : !open.data || !done.data ? (
        <div className="grid gap-2" aria-busy data-testid="tasks-loading">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-12 w-full" />
          ))}
        </div>
      ) : nothing ? (
        <EmptyState icon={ListTodo} title={t("emptyTitle")} description={t("emptyBody")} />
      ) : (
        GROUPS.filter((g) => groups[g].length > 0).map((group) => (
          <section key={group} aria-labelledby={`tasks-${group}`} data-testid={`tasks-${group}`}>
            <h2
              id={`tasks-${group}`}
              className={
                "mb-1 flex items-center gap-2 text-xs font-semibold tracking-wide uppercase " +
                (group === "overdue" ? "text-destructive" : "text-muted-foreground")
              }
            >
              {t(`group.${group}`)}
              <span className="tabular-nums">{groups[group].length}</span>
            </h2>
            <ul className="grid">
              {groups[group].map((task) => (
                <TaskRow
                  key={task.id}
                  task={task}
                  actions={actions}
                  canWrite={canWrite}
                  selected={selected === task.id}
                  editing={editing === task.id}
                  onEditingChange={(on) => setEditing(on ? task.id : null)}
                />
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
