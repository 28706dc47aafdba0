"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { fetchAnalysisJob, leadKeys, startAnalysis, type AnalyzeJob } from "./leads-api";

const done = (status: AnalyzeJob["status"] | undefined) => status === "succeeded" || status === "failed";

/**
 * "Analyse dialogs": starts the batch job, follows its progress every second until it ends, then refreshes the
 * table and the stats and says what changed.
 */
export function useAnalyzeJob() {
  const t = useTranslations("leads.analyze");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);

  const start = useMutation({
    mutationFn: startAnalysis,
    onSuccess: (job) => setJobId(job.jobId),
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
        else toast.error(t("failed"));
        setJobId(null);
      }
      return current;
    },
    enabled: Boolean(jobId),
    refetchInterval: (query) => (done(query.state.data?.status) ? false : 1_000),
  });

  const status = job.data?.status;
  const running = start.isPending || (Boolean(jobId) && !done(status));
  return {
    start: (options: { channelId?: string; force?: boolean } = {}) => start.mutate(options),
    running,
    progress: running ? (job.data?.progress ?? null) : null,
    stats: job.data?.stats ?? null,
  };
}
