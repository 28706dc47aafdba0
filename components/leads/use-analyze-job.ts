"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { useErrorMessage } from "@/lib/client/use-error-message";
import {
  cancelAnalysisJob,
  fetchActiveAnalysis,
  fetchAnalysisJob,
  leadKeys,
  startAnalysis,
  type AnalyzeJob,
} from "./leads-api";

const done = (status: AnalyzeJob["status"] | undefined) =>
  status === "succeeded" || status === "failed" || status === "cancelled";

/**
 * "Analyse dialogs": starts the batch job (or finds the one already running), follows its progress every second
 * until it ends, then refreshes the table and the stats and says what changed; a running batch can be cancelled.
 */
export function useAnalyzeJob() {
  const t = useTranslations("leads.analyze");
  const tStop = useTranslations("aiReliability.analysis");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [started, setStarted] = useState<string | null>(null);
  const [ended, setEnded] = useState<string | null>(null);

  // A batch started before this page was opened (another tab, a reload) is followed too.
  const active = useQuery({
    queryKey: ["jobs", "dialogs.analyze", "active"],
    queryFn: ({ signal }) => fetchActiveAnalysis(signal),
    enabled: !started,
    staleTime: 5_000,
  });
  const activeId = active.data && !done(active.data.status) ? active.data.jobId : null;
  const candidate = started ?? activeId;
  const jobId = candidate && candidate !== ended ? candidate : null;

  const start = useMutation({
    mutationFn: startAnalysis,
    onSuccess: (job) => setStarted(job.jobId),
    onError: (error) => toast.error(errorMessage(error)),
  });

  // The poll itself notices the end (not an effect watching it): refresh the table and stats, say what changed.
  const job = useQuery({
    queryKey: leadKeys.job(jobId ?? ""),
    queryFn: async ({ signal }) => {
      const current = await fetchAnalysisJob(jobId!, signal);
      if (done(current.status)) {
        void queryClient.invalidateQueries({ queryKey: leadKeys.all });
        const stats = current.stats;
        if (current.status === "succeeded")
          toast.success(
            t("finished", { analyzed: stats?.analyzed ?? 0, hot: stats?.hot ?? 0, errors: stats?.errors ?? 0 }),
          );
        else if (current.status === "cancelled") toast.info(tStop("cancelled", { analyzed: stats?.analyzed ?? 0 }));
        else toast.error(current.error ? tStop("failedWith", { error: current.error }) : t("failed"));
        setEnded(jobId);
        setStarted(null);
      }
      return current;
    },
    enabled: Boolean(jobId),
    refetchInterval: (query) => (done(query.state.data?.status) ? false : 1_000),
  });

  const cancel = useMutation({
    mutationFn: () => cancelAnalysisJob(jobId!),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: leadKeys.job(jobId ?? "") }),
    onError: (error) => toast.error(errorMessage(error)),
  });

  const status = job.data?.status;
  const running = start.isPending || (Boolean(jobId) && !done(status));
  return {
    start: (options: { channelId?: string; force?: boolean } = {}) => start.mutate(options),
    running,
    progress: running ? (job.data?.progress ?? null) : null,
    stats: job.data?.stats ?? null,
    cancel: jobId ? () => cancel.mutate() : undefined,
    cancelling: cancel.isPending,
  };
}
