"use client";

import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type Ref } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { fromLocalInput, type TaskScope } from "./tasks-api";
import type { useTaskActions } from "./use-task-actions";

/** A title and an optional due time; Enter adds, the field stays for the next one. */
export function QuickAdd({
  actions,
  scope,
  inputRef,
  compact,
}: {
  actions: ReturnType<typeof useTaskActions>;
  scope?: TaskScope;
  inputRef?: Ref<HTMLInputElement>;
  compact?: boolean;
}) {
  const t = useTranslations("tasks");
  const [title, setTitle] = useState("");
  const [due, setDue] = useState("");
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!title.trim()) return;
        actions.create.mutate(
          { title: title.trim(), dueAt: fromLocalInput(due), ...scope },
          { onSuccess: () => (setTitle(""), setDue("")) },
        );
      }}
    >
      <Input
        ref={inputRef}
        className={compact ? "h-8 min-w-0 flex-1 text-[13px]" : "min-w-48 flex-1"}
        placeholder={t("newPlaceholder")}
        aria-label={t("newPlaceholder")}
        value={title}
        maxLength={500}
        onChange={(e) => setTitle(e.target.value)}
        data-testid="task-new-title"
      />
      <Input
        type="datetime-local"
        className={compact ? "h-8 w-auto min-w-0 flex-1 text-[13px]" : "w-auto"}
        aria-label={t("dueLabel")}
        value={due}
        onChange={(e) => setDue(e.target.value)}
        data-testid="task-new-due"
      />
      <Button
        type="submit"
        size="sm"
        loading={actions.create.isPending}
        disabled={!title.trim()}
        data-testid="task-add"
      >
        <Plus aria-hidden />
        {t("add")}
      </Button>
    </form>
  );
}
