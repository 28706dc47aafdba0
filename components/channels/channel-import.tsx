"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, Download, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ImportRun } from "@/lib/channels/evolution/import-status";
import { api } from "@/lib/client/api";
import { useErrorMessage } from "@/lib/client/use-error-message";

const importKey = (channelId: string) => ["channel-import", channelId] as const;
const active = (run: ImportRun | null | undefined) => run?.status === "queued" || run?.status === "running";

export const fetchLatestImport = (channelId: string, signal?: AbortSignal) =>
  api<{ import: ImportRun | null }>(`/api/channels/${channelId}/import`, { signal });
export const startImport = (channelId: string) =>
  api<{ jobId: string }>(`/api/channels/${channelId}/import`, { method: "POST", body: {} });

/** "Import now" for an Evolution channel: starts an import of its stored dialogs and shows it follows. */
export function useStartImport(channelId: string) {
  const t = useTranslations("channelImport");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => startImport(channelId),
    onSuccess: () => {
      toast.success(t("started"));
      void queryClient.invalidateQueries({ queryKey: importKey(channelId) });
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
}

/** The Evolution channel's latest import in its row: progress, counts, or the failure and its reason. */
export function ChannelImport({ channelId, canManage }: { channelId: string; canManage: boolean }) {
  const t = useTranslations("channelImport");
  const latest = useQuery({
    queryKey: importKey(channelId),
    queryFn: ({ signal }) => fetchLatestImport(channelId, signal),
    refetchInterval: (query) => (active(query.state.data?.import) ? 1_000 : false),
  });
  const start = useStartImport(channelId);
  const run = latest.data?.import ?? null;
  const busy = start.isPending || active(run);
  const r = run?.result;

  let line: ReactNode = null;
  if (run && r) {
    const counts = t("counts", {
      conversations: r.conversations,
      messages: r.messages,
      skipped: r.skipped,
      errors: r.errors,
    });
    if (active(run)) {
      line = (
        <>
          <LoaderCircle className="size-3.5 shrink-0 animate-spin" aria-hidden />
          <span>
            {run.retrying
              ? t("retrying", { error: run.error ?? "" })
              : t("running", { done: r.scanned, total: r.total })}
          </span>
        </>
      );
    } else if (run.status === "succeeded") {
      line = (
        <>
          <CircleCheck className="size-3.5 shrink-0 text-success" aria-hidden />
          <span>{t("succeeded", { counts })}</span>
        </>
      );
    } else {
      line = (
        <>
          <CircleAlert className="size-3.5 shrink-0" aria-hidden />
          <span>{t("failed", { error: run.error ?? t("unknownError") })}</span>
        </>
      );
    }
  }

  return (
    <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1.5" data-testid="channel-import">
      {line && (
        <p
          className={cn(
            "flex min-w-0 items-start gap-1.5 text-xs",
            run?.status === "failed" || run?.status === "cancelled" ? "text-destructive" : "text-muted-foreground",
          )}
          role="status"
          data-testid="channel-import-status"
          data-status={run?.status}
        >
          {line}
        </p>
      )}
      {canManage && (
        <Button
          type="button"
          variant="outline"
          size="sm"
          onClick={() => start.mutate()}
          loading={start.isPending}
          disabled={busy}
          data-testid="channel-import-now"
        >
          {!start.isPending && <Download aria-hidden />}
          {t("importNow")}
        </Button>
      )}
    </div>
  );
}
