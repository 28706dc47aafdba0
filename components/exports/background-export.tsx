"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Clock, Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";

// "Export in background" beside a list's streaming export button: the same URL's query goes to POST
// /api/exports, the export's status is polled until its file is ready, then a download link replaces it (a
// notification in the bell links to the same file).

export type ExportKind = "contacts" | "companies" | "deals" | "tasks" | "calls" | "leads" | "analytics";
type ExportView = {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  rows: number;
  error: string | null;
  downloadUrl: string | null;
};

const POLL_MS = 1500;

/** `href` is the streaming route's URL with the list's filters; its query is what the job exports. */
export function BackgroundExport({ kind, href }: { kind: ExportKind; href: string }) {
  const t = useTranslations("exports");
  const [id, setId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () =>
      api<ExportView>("/api/exports", {
        method: "POST",
        body: { kind, params: Object.fromEntries(new URL(href, window.location.origin).searchParams) },
      }),
    onSuccess: (exp) => setId(exp.id),
  });
  const status = useQuery({
    queryKey: ["exports", id],
    queryFn: () => api<ExportView>(`/api/exports/${id}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === "done" || q.state.data?.status === "failed" ? false : POLL_MS),
  });
  const exp = status.data;

  if (exp?.status === "done" && exp.downloadUrl)
    return (
      <Button variant="outline" size="sm" asChild data-testid="background-export-download">
        <a href={exp.downloadUrl} download onClick={() => setId(null)}>
          <Download aria-hidden />
          {t("download", { rows: exp.rows })}
        </a>
      </Button>
    );
  const busy = start.isPending || (!!id && exp?.status !== "failed");
  return (
    <span className="flex items-center gap-2 text-xs text-muted-foreground">
      <Button
        variant="outline"
        size="sm"
        disabled={busy}
        onClick={() => start.mutate()}
        title={t("hint")}
        data-testid="background-export"
      >
        <Clock aria-hidden />
        {busy ? t("preparing", { rows: exp?.rows ?? 0 }) : t("start")}
      </Button>
      {(exp?.status === "failed" || start.isError) && (
        <span role="alert" className="text-destructive">
          {t("failed", { error: exp?.error ?? (start.error as Error | null)?.message ?? "" })}
        </span>
      )}
    </span>
  );
}
