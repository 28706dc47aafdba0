"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleAlert } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import type { ProviderStatus } from "@/lib/ai/provider-status";
import { api } from "@/lib/client/api";

/** Named after the table, so realtime changes to it refresh the banner. */
const statusKey = ["ai_provider_status"] as const;

/** Settings → AI: while OpenAI's quota is exhausted, since when, and what the assistant does meanwhile. */
export function QuotaBanner() {
  const t = useTranslations("aiReliability.quota");
  const format = useFormatter();
  const status = useQuery({
    queryKey: statusKey,
    queryFn: ({ signal }) => api<ProviderStatus>("/api/ai/status", { signal }),
    refetchInterval: 60_000,
  });
  const since = status.data?.quotaExhaustedSince;
  if (!since) return null;
  const time = format.dateTime(new Date(since), { hour: "2-digit", minute: "2-digit" });
  return (
    <div
      role="alert"
      className="mb-6 flex items-start gap-2 rounded-lg border border-destructive/30 bg-destructive/5 px-3 py-2.5 text-sm"
      data-testid="ai-quota-banner"
    >
      <CircleAlert className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
      <div>
        <p className="font-medium">{t("title", { time })}</p>
        <p className="mt-0.5 text-muted-foreground">{t("body")}</p>
      </div>
    </div>
  );
}
