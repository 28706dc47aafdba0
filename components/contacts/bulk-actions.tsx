"use client";

import { useMutation } from "@tanstack/react-query";
import { Tag, Trash2, UserRound, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import type { Member } from "@/lib/client/types";
import { bulkClients, type BulkBody } from "./contacts-api";
import { selectClass } from "./contacts-filters";

/** What can be done to the selected contacts: assign, add or remove a tag, delete (managers, after a confirm). */
export function BulkActions({
  ids,
  members,
  canDelete,
  onDone,
  onClear,
}: {
  ids: string[];
  members: Member[];
  canDelete: boolean;
  onDone: () => void;
  onClear: () => void;
}) {
  const t = useTranslations("contactsPage.bulk");
  const [tag, setTag] = useState("");
  const [confirm, setConfirm] = useState(false);
  const run = useMutation({
    mutationFn: (body: BulkBody) => bulkClients(body),
    onSuccess: (result) => {
      toast.success(t("done", { n: result.affected }));
      setConfirm(false);
      setTag("");
      onDone();
    },
    onError: (error: Error) => toast.error(error.message),
  });
  return (
    <div
      className="flex flex-wrap items-center gap-2 rounded-lg border bg-primary/5 px-3 py-2 text-sm"
      role="toolbar"
      aria-label={t("label")}
      data-testid="bulk-bar"
    >
      <span className="font-medium">{t("selected", { n: ids.length })}</span>
      <label className="flex items-center gap-1">
        <UserRound className="size-4 text-muted-foreground" aria-hidden />
        <select
          aria-label={t("assign")}
          className={selectClass}
          value=""
          disabled={run.isPending}
          onChange={(e) => {
            const v = e.target.value;
            if (v) run.mutate({ action: "assign", ids, userId: v === "none" ? null : v });
          }}
        >
          <option value="">{t("assign")}</option>
          <option value="none">{t("unassign")}</option>
          {members.map((m) => (
            <option key={m.user_id} value={m.user_id}>
              {m.full_name || m.email}
            </option>
          ))}
        </select>
      </label>
      <form
        className="flex items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          if (tag.trim()) run.mutate({ action: "tag", ids, tags: [tag.trim()] });
        }}
      >
        <Tag className="size-4 text-muted-foreground" aria-hidden />
        <Input
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          placeholder={t("tag")}
          aria-label={t("tag")}
          className="h-8 w-28"
        />
        <Button type="submit" size="sm" variant="outline" disabled={!tag.trim()}>
          {t("addTag")}
        </Button>
        <Button
          type="button"
          size="sm"
          variant="ghost"
          disabled={!tag.trim()}
          onClick={() => run.mutate({ action: "untag", ids, tags: [tag.trim()] })}
        >
          {t("removeTag")}
        </Button>
      </form>
      {canDelete && (
        <Button
          size="sm"
          variant="ghost"
          className="text-destructive"
          onClick={() => setConfirm(true)}
          data-testid="bulk-delete"
        >
          <Trash2 aria-hidden />
          {t("delete")}
        </Button>
      )}
      <Button size="icon-sm" variant="ghost" className="ml-auto" onClick={onClear} aria-label={t("clear")}>
        <X aria-hidden />
      </Button>
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        title={t("deleteTitle", { n: ids.length })}
        description={t("deleteBody")}
        confirmLabel={t("deleteConfirm", { n: ids.length })}
        cancelLabel={t("cancel")}
        onConfirm={() => run.mutate({ action: "delete", ids })}
        pending={run.isPending}
      />
    </div>
  );
}
