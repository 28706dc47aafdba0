"use client";

import {
  CheckCircle2,
  Circle,
  Pencil,
  PhoneCall,
  Sparkles,
  Trash2,
  Clock,
  MessagesSquare,
  KanbanSquare,
} from "lucide-react";
import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { fromLocalInput, toLocalInput, type Task } from "./tasks-api";
import type { useTaskActions } from "./use-task-actions";

type Actions = ReturnType<typeof useTaskActions>;

/** The due time as people say it: "14:30" today, "Tue 09:00" this week, a date further out. */
export function useDueLabel() {
  const format = useFormatter();
  return (iso: string) => {
    const due = new Date(iso);
    const now = new Date();
    const sameDay = due.toDateString() === now.toDateString();
    const days = Math.abs(due.getTime() - now.getTime()) / 86_400_000;
    if (sameDay) return format.dateTime(due, { hour: "2-digit", minute: "2-digit" });
    if (days < 6) return format.dateTime(due, { weekday: "short", hour: "2-digit", minute: "2-digit" });
    return format.dateTime(due, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  };
}

/** One task: complete with the circle, edit in place (title and due time), its client, deal and origin. */
export function TaskRow({
  task,
  actions,
  canWrite,
  selected,
  editing,
  onEditingChange,
  compact,
}: {
  task: Task;
  actions: Actions;
  canWrite: boolean;
  selected?: boolean;
  editing: boolean;
  onEditingChange: (editing: boolean) => void;
  compact?: boolean;
}) {
  const t = useTranslations("tasks");
  const dueLabel = useDueLabel();
  const now = useNow({ updateInterval: 30_000 });
  const done = task.status === "done";
  const overdue = !done && task.dueAt !== null && new Date(task.dueAt).getTime() < now.getTime();
  const [title, setTitle] = useState(task.title);
  const [due, setDue] = useState(toLocalInput(task.dueAt));

  if (editing) {
    const save = () => {
      const patch: { title?: string; dueAt?: string | null } = {};
      if (title.trim() && title.trim() !== task.title) patch.title = title.trim();
      const dueAt = fromLocalInput(due);
      if (dueAt !== task.dueAt) patch.dueAt = dueAt;
      if (Object.keys(patch).length) actions.update(task.id, patch);
      onEditingChange(false);
    };
    return (
      <li className="rounded-lg border bg-card p-2" data-testid="task-edit">
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.stopPropagation();
              onEditingChange(false);
            }
          }}
        >
          <Input
            autoFocus
            className="min-w-40 flex-1"
            aria-label={t("titleLabel")}
            value={title}
            maxLength={500}
            onChange={(e) => setTitle(e.target.value)}
          />
          <Input
            type="datetime-local"
            className="w-auto"
            aria-label={t("dueLabel")}
            value={due}
            onChange={(e) => setDue(e.target.value)}
          />
          <Button type="submit" size="sm">
            {t("save")}
          </Button>
          <Button type="button" size="sm" variant="ghost" onClick={() => onEditingChange(false)}>
            {t("cancel")}
          </Button>
        </form>
      </li>
    );
  }

  return (
    <li
      className={cn(
        "group flex items-start gap-2.5 rounded-lg px-2 py-2 transition-colors hover:bg-muted/60",
        selected && "bg-muted ring-1 ring-ring/30",
      )}
      data-testid="task"
      data-task-id={task.id}
      aria-current={selected || undefined}
    >
      <button
        type="button"
        className="mt-0.5 shrink-0 cursor-pointer rounded-full text-muted-foreground transition-colors hover:text-primary disabled:cursor-default"
        aria-label={done ? t("reopen") : t("complete")}
        aria-pressed={done}
        disabled={!canWrite}
        onClick={() => actions.toggle(task)}
        data-testid="task-toggle"
      >
        {done ? <CheckCircle2 className="size-[18px] text-success" /> : <Circle className="size-[18px]" />}
      </button>
      <div className="min-w-0 flex-1">
        <p className={cn("text-sm leading-5 break-words", done && "text-muted-foreground line-through")}>
          {task.kind === "callback" && <PhoneCall className="mr-1 inline size-3.5 text-muted-foreground" aria-hidden />}
          {task.title}
        </p>
        <div className="mt-0.5 flex flex-wrap items-center gap-x-2.5 gap-y-1 text-xs text-muted-foreground">
          {task.dueAt && (
            <span className={cn("inline-flex items-center gap-1", overdue && "font-medium text-destructive")}>
              <Clock className="size-3" aria-hidden />
              {overdue && <span className="sr-only">{t("overdue")}: </span>}
              {dueLabel(task.dueAt)}
            </span>
          )}
          {!task.dueAt && task.preferredTime && <span>{task.preferredTime}</span>}
          {!compact &&
            task.contactName &&
            (task.conversationId ? (
              <Link
                className="inline-flex items-center gap-1 hover:text-foreground hover:underline"
                href={`/inbox?c=${task.conversationId}`}
              >
                <MessagesSquare className="size-3" aria-hidden />
                {task.contactName}
              </Link>
            ) : (
              <span>{task.contactName}</span>
            ))}
          {!compact && task.dealTitle && (
            <Link
              className="inline-flex items-center gap-1 hover:text-foreground hover:underline"
              href={`/pipeline?deal=${task.dealId}`}
            >
              <KanbanSquare className="size-3" aria-hidden />
              {task.dealTitle}
            </Link>
          )}
          {task.phone && <span className="tabular-nums">{task.phone}</span>}
          {task.source === "assistant" && (
            <Badge tone="primary">
              <Sparkles className="size-3" aria-hidden />
              {t("fromAssistant")}
            </Badge>
          )}
          {!compact && task.assigneeName && <span>{task.assigneeName}</span>}
        </div>
      </div>
      {canWrite && (
        <div className="flex shrink-0 gap-0.5 opacity-100 transition-opacity sm:opacity-0 sm:group-focus-within:opacity-100 sm:group-hover:opacity-100">
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={t("edit")}
            onClick={() => {
              setTitle(task.title);
              setDue(toLocalInput(task.dueAt));
              onEditingChange(true);
            }}
          >
            <Pencil aria-hidden />
          </Button>
          <Button variant="ghost" size="icon-sm" aria-label={t("delete")} onClick={() => actions.remove(task.id)}>
            <Trash2 aria-hidden />
          </Button>
        </div>
      )}
    </li>
  );
}
