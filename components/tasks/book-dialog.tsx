"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { ApiRequestError } from "@/lib/client/api";
import { createAppointment, searchClients, type ClientHit, type Slot } from "./tasks-api";

/** Books a free slot for a client found by name or phone. */
export function BookDialog({ slot, label, onClose }: { slot: Slot | null; label: string; onClose: () => void }) {
  const t = useTranslations("appointments");
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const [picked, setPicked] = useState<ClientHit | null>(null);
  const [note, setNote] = useState("");
  const hits = useQuery({
    queryKey: ["contacts", "search", q],
    queryFn: ({ signal }) => searchClients(q, signal),
    enabled: slot !== null,
  });
  const book = useMutation({
    mutationFn: () =>
      createAppointment({ contactId: picked!.id, startsAt: slot!.startsAt, note: note.trim() || undefined }),
    onSuccess: () => {
      toast.success(t("booked"));
      close();
      return queryClient.invalidateQueries({ queryKey: ["appointments"] });
    },
    onError: (e) => toast.error(e instanceof ApiRequestError ? e.message : t("bookFailed")),
  });
  const close = () => {
    setQ("");
    setPicked(null);
    setNote("");
    onClose();
  };
  return (
    <Dialog open={slot !== null} onOpenChange={(open) => !open && close()}>
      <DialogContent closeLabel={t("close")} data-testid="book-dialog">
        <DialogHeader title={t("bookTitle")} description={label} />
        <form
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (picked) book.mutate();
          }}
        >
          <Input
            autoFocus
            placeholder={t("searchClient")}
            aria-label={t("searchClient")}
            value={q}
            onChange={(e) => (setQ(e.target.value), setPicked(null))}
            data-testid="book-search"
          />
          <ul className="grid max-h-48 gap-0.5 overflow-y-auto" role="listbox" aria-label={t("clients")}>
            {hits.data?.clients.map((c) => (
              <li key={c.id} role="option" aria-selected={picked?.id === c.id}>
                <button
                  type="button"
                  className={cn(
                    "flex w-full cursor-pointer items-center justify-between rounded-md px-2 py-1.5 text-left text-sm hover:bg-muted",
                    picked?.id === c.id && "bg-accent text-accent-foreground",
                  )}
                  onClick={() => setPicked(c)}
                >
                  <span className="truncate">{c.name || c.phone || "—"}</span>
                  {c.phone && <span className="text-xs text-muted-foreground tabular-nums">{c.phone}</span>}
                </button>
              </li>
            ))}
            {hits.data?.clients.length === 0 && (
              <li className="px-2 py-1.5 text-xs text-muted-foreground">{t("noClients")}</li>
            )}
          </ul>
          <Input
            placeholder={t("note")}
            aria-label={t("note")}
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
          />
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={close}>
              {t("close")}
            </Button>
            <Button type="submit" disabled={!picked} loading={book.isPending} data-testid="book-confirm">
              {t("book")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
