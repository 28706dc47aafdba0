"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { ApiRequestError } from "@/lib/client/api";
import {
  createTask,
  deleteTask,
  taskKeys,
  updateTask,
  type NewTask,
  type Task,
  type TaskPatch,
  type TasksPage,
} from "./tasks-api";

/** Create, edit, complete and delete, shown at once in every task list on the page and confirmed by the server. */
export function useTaskActions() {
  const t = useTranslations("tasks");
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: taskKeys.all });
  const fail = (e: unknown) => toast.error(e instanceof ApiRequestError ? e.message : t("saveFailed"));
  const patchLists = (id: string, patch: Partial<Task>) =>
    queryClient.setQueriesData<TasksPage>({ queryKey: taskKeys.all }, (page) =>
      page?.tasks
        ? { ...page, tasks: page.tasks.map((task) => (task.id === id ? { ...task, ...patch } : task)) }
        : page,
    );

  const create = useMutation({ mutationFn: (body: NewTask) => createTask(body), onSuccess: refresh, onError: fail });
  const update = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TaskPatch }) => updateTask(id, patch),
    onMutate: ({ id, patch }) =>
      patchLists(id, {
        ...patch,
        ...(patch.status ? { completedAt: patch.status === "done" ? new Date().toISOString() : null } : {}),
      }),
    onError: fail,
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: (id: string) => deleteTask(id), onError: fail, onSettled: refresh });
  return {
    create,
    update: (id: string, patch: TaskPatch) => update.mutate({ id, patch }),
    toggle: (task: Task) => update.mutate({ id: task.id, patch: { status: task.status === "done" ? "open" : "done" } }),
    remove: (id: string) => remove.mutate(id),
  };
}
