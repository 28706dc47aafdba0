"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Pencil, StickyNote, Trash2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { api } from "@/lib/client/api";
import { roleAtLeast } from "@/lib/client/types";

type Note = {
  id: string;
  body: string;
  authorName: string | null;
  mine: boolean;
  createdAt: string;
  updatedAt: string;
};
type NotesPage = { notes: Note[]; nextCursor: string | null };
type Target = { dealId?: string; contactId?: string; companyId?: string };

const targetQuery = (t: Target) =>
  t.dealId ? `dealId=${t.dealId}` : t.contactId ? `contactId=${t.contactId}` : `companyId=${t.companyId}`;

/** Notes of one deal, contact or company (give exactly one id): add, edit your own, delete (yours; managers any). */
export function NotesPanel(props: Target) {
  const t = useTranslations("crmNotes");
  const format = useFormatter();
  const me = useMe();
  const canWrite = roleAtLeast(me.role, "agent");
  const isManager = roleAtLeast(me.role, "manager");
  const client = useQueryClient();
  const target = targetQuery(props);
  const key = ["notes", target];
  const [draft, setDraft] = useState("");
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const [deleting, setDeleting] = useState<Note | null>(null);

  const notes = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) =>
      api<NotesPage>(`/api/crm/notes?${target}&limit=20${pageParam ? `&cursor=${pageParam}` : ""}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  // A contact's activity timeline shows notes too (its key starts with the contact's detail).
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: key }),
      client.invalidateQueries({ queryKey: ["contacts", "detail"] }),
    ]);
  const onError = (error: Error) => toast.error(error.message);
  const add = useMutation({
    mutationFn: (body: string) => api("/api/crm/notes", { method: "POST", body: { ...props, body } }),
    onSuccess: () => {
      setDraft("");
      void refresh();
    },
    onError,
  });
  const save = useMutation({
    mutationFn: (n: { id: string; body: string }) =>
      api(`/api/crm/notes/${n.id}`, { method: "PATCH", body: { body: n.body } }),
    onSuccess: () => {
      setEditing(null);
      void refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/crm/notes/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      setDeleting(null);
      void refresh();
    },
    onError,
  });

  const all = notes.data?.pages.flatMap((p) => p.notes) ?? [];
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

  return (
    <section className="grid gap-3" data-testid="notes-panel" aria-label={t("title")}>
      {canWrite && (
        <form
          className="grid gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim()) add.mutate(draft.trim());
          }}
        >
          <label className="sr-only" htmlFor={`note-${target}`}>
            {t("placeholder")}
          </label>
          <textarea
            id={`note-${target}`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.metaKey || e.ctrlKey) && draft.trim()) add.mutate(draft.trim());
            }}
            placeholder={t("placeholder")}
            rows={2}
            maxLength={20000}
            className="min-h-16 w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/20"
            data-testid="note-input"
          />
          <Button
            type="submit"
            size="sm"
            className="justify-self-end"
            loading={add.isPending}
            disabled={!draft.trim()}
            data-testid="note-add"
          >
            {t("add")}
          </Button>
        </form>
      )}
      {notes.isPending ? (
        <p className="text-sm text-muted-foreground">{t("loading")}</p>
      ) : all.length === 0 ? (
        <p className="flex items-center gap-2 text-sm text-muted-foreground">
          <StickyNote className="size-4" aria-hidden />
          {t("empty")}
        </p>
      ) : (
        <ul className="grid gap-2">
          {all.map((n) => (
            <li
              key={n.id}
              className="rounded-md border bg-amber-50/60 p-3 text-sm dark:bg-amber-950/20"
              data-testid="note"
            >
              <div className="mb-1 flex items-center justify-between gap-2 text-xs text-muted-foreground">
                <span className="truncate">
                  {n.authorName ?? t("someone")} · {when(n.createdAt)}
                  {n.updatedAt !== n.createdAt && ` · ${t("edited")}`}
                </span>
                <span className="flex shrink-0 gap-1">
                  {n.mine && canWrite && (
                    <button
                      type="button"
                      className="cursor-pointer rounded p-1 hover:bg-muted hover:text-foreground"
                      aria-label={t("edit")}
                      onClick={() => setEditing({ id: n.id, body: n.body })}
                    >
                      <Pencil className="size-3.5" aria-hidden />
                    </button>
                  )}
                  {(n.mine || isManager) && canWrite && (
                    <button
                      type="button"
                      className="cursor-pointer rounded p-1 hover:bg-muted hover:text-destructive"
                      aria-label={t("delete")}
                      onClick={() => setDeleting(n)}
                    >
                      <Trash2 className="size-3.5" aria-hidden />
                    </button>
                  )}
                </span>
              </div>
              {editing?.id === n.id ? (
                <form
                  className="grid gap-2"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (editing.body.trim()) save.mutate({ id: n.id, body: editing.body.trim() });
                  }}
                >
                  <textarea
                    autoFocus
                    aria-label={t("edit")}
                    value={editing.body}
                    onChange={(e) => setEditing({ id: n.id, body: e.target.value })}
                    onKeyDown={(e) => e.key === "Escape" && setEditing(null)}
                    rows={3}
                    className="w-full rounded-md border border-input bg-card px-3 py-2 text-sm"
                  />
                  <div className="flex justify-end gap-2">
                    <Button type="button" variant="ghost" size="sm" onClick={() => setEditing(null)}>
                      {t("cancel")}
                    </Button>
                    <Button type="submit" size="sm" loading={save.isPending}>
                      {t("save")}
                    </Button>
                  </div>
                </form>
              ) : (
                <p className="break-words whitespace-pre-wrap">{n.body}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {notes.hasNextPage && (
        <Button
          variant="outline"
          size="sm"
          onClick={() => void notes.fetchNextPage()}
          loading={notes.isFetchingNextPage}
        >
          {t("more")}
        </Button>
      )}
      <ConfirmDialog
        open={!!deleting}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t("deleteTitle")}
        description={deleting?.body.slice(0, 140) ?? ""}
        confirmLabel={t("delete")}
        cancelLabel={t("cancel")}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        pending={remove.isPending}
      />
    </section>
  );
}
