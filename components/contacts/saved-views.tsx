"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bookmark, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { api } from "@/lib/client/api";
import { contactKeys, type SavedView } from "./contacts-api";
import { selectClass } from "./contacts-filters";

/** Saved views (name + filters + sort), personal or shared with the team: pick one, save the current one, delete. */
export function SavedViews({
  kind,
  current,
  onApply,
  canShare,
}: {
  kind: "contacts" | "companies";
  current: { filters: Record<string, string | undefined>; sort: string; order: "asc" | "desc" };
  onApply: (view: SavedView) => void;
  canShare: boolean;
}) {
  const t = useTranslations("contactsPage.views");
  const client = useQueryClient();
  const views = useQuery({
    queryKey: contactKeys.views(kind),
    queryFn: ({ signal }) => api<{ views: SavedView[] }>(`/api/crm/views?kind=${kind}`, { signal }),
  });
  const [picked, setPicked] = useState("");
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: contactKeys.views(kind) });
  const save = useMutation({
    mutationFn: () =>
      api<SavedView>("/api/crm/views", {
        method: "POST",
        body: {
          kind,
          name: name.trim(),
          shared,
          filters: Object.fromEntries(Object.entries(current.filters).filter(([, v]) => v)),
          sort: current.sort,
          order: current.order,
        },
      }),
    onSuccess: (view) => {
      setOpen(false);
      setName("");
      setPicked(view.id);
      toast.success(t("saved"));
      void refresh();
    },
    onError: (error: Error) => toast.error(error.message),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/crm/views/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      setPicked("");
      void refresh();
    },
    onError: (error: Error) => toast.error(error.message),
  });
  const list = views.data?.views ?? [];
  const view = list.find((v) => v.id === picked);

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="saved-views">
      <Bookmark className="size-4 text-muted-foreground" aria-hidden />
      <select
        aria-label={t("label")}
        className={selectClass}
        value={picked}
        onChange={(e) => {
          setPicked(e.target.value);
          const v = list.find((x) => x.id === e.target.value);
          if (v) onApply(v);
        }}
      >
        <option value="">{list.length ? t("pick") : t("none")}</option>
        {list.map((v) => (
          <option key={v.id} value={v.id}>
            {v.shared ? `${v.name} · ${t("team")}` : v.name}
          </option>
        ))}
      </select>
      {view && (view.mine || canShare) && (
        <Button
          size="icon-sm"
          variant="ghost"
          aria-label={t("delete", { name: view.name })}
          onClick={() => remove.mutate(view.id)}
        >
          <Trash2 aria-hidden />
        </Button>
      )}
      <Button size="sm" variant="outline" onClick={() => setOpen(true)} data-testid="save-view">
        {t("save")}
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent>
          <DialogHeader title={t("saveTitle")} description={t("saveBody")} />
          <form
            className="grid gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) save.mutate();
            }}
          >
            <Input
              autoFocus
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={t("name")}
              aria-label={t("name")}
              maxLength={80}
            />
            {canShare && (
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-primary"
                  checked={shared}
                  onChange={(e) => setShared(e.target.checked)}
                />
                {t("share")}
              </label>
            )}
            <DialogFooter>
              <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
                {t("saveConfirm")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
