"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, PhoneCall, RefreshCw, UploadCloud } from "lucide-react";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useEffect } from "react";
import { toast } from "sonner";
import { Card, SettingsSection } from "@/components/settings/section";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { api } from "@/lib/client/api";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { retailcrmKeys, type ConnectionView } from "./retailcrm-api";

/** "RetailCRM is rate limiting / unreachable, retrying" or its error, with RetailCRM's own words. */
export function HealthBanner({ view }: { view: ConnectionView }) {
  const t = useTranslations("retailcrm");
  const format = useFormatter();
  const now = useNow({ updateInterval: 10_000 });
  const retrying = view.activeJobs.find((j) => j.status === "queued" && j.attempts > 0);
  const state = view.status === "rate_limited" || view.status === "unreachable" ? view.status : null;
  if (!state && view.status !== "error" && !retrying) return null;
  const message = retrying?.lastError ?? view.lastError;
  const warning = state !== null || retrying !== undefined;
  return (
    <div
      role="status"
      data-testid="retailcrm-health"
      className={
        warning
          ? "flex gap-3 rounded-xl border border-warning/30 bg-warning/10 px-4 py-3 text-sm"
          : "flex gap-3 rounded-xl border border-destructive/30 bg-destructive/10 px-4 py-3 text-sm"
      }
    >
      <AlertTriangle
        className={warning ? "mt-0.5 size-4 text-warning" : "mt-0.5 size-4 text-destructive"}
        aria-hidden
      />
      <div className="grid min-w-0 gap-1">
        <p className="font-medium">{t(`health.${state ?? (retrying ? "unreachable" : "error")}`)}</p>
        {retrying && (
          <p className="text-muted-foreground">
            {t("health.retryAt", {
              when: format.relativeTime(new Date(retrying.runAt), now),
              attempt: retrying.attempts,
            })}
          </p>
        )}
        {message && <p className="text-xs break-words text-muted-foreground">{message}</p>}
      </div>
    </div>
  );
}

const FEEDS = ["customers", "orders", "first_sync"] as const;

/** The sync state per feed, "sync now", the first sync with its progress. */
export function SyncPanel({ view, onWatch }: { view: ConnectionView; onWatch: (on: boolean) => void }) {
  const t = useTranslations("retailcrm");
  const format = useFormatter();
  const now = useNow({ updateInterval: 10_000 });
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const running = view.activeJobs.length > 0;
  useEffect(() => {
    if (!running) {
      onWatch(false);
      void queryClient.invalidateQueries({ queryKey: retailcrmKeys.log });
    }
  }, [running, onWatch, queryClient]);
  const sync = useMutation({
    mutationFn: (kind: "history" | "first") =>
      api<{ jobId: string }>("/api/retailcrm/connection/sync", { method: "POST", body: { kind } }),
    onMutate: () => onWatch(true),
    onSuccess: async (_, kind) => {
      toast.success(t(kind === "first" ? "firstSyncStarted" : "syncStarted"));
      await queryClient.invalidateQueries({ queryKey: retailcrmKeys.connection });
    },
    onError: (error) => {
      onWatch(false);
      toast.error(errorMessage(error));
    },
  });
  const byEntity = new Map(view.sync.map((s) => [s.entity, s]));
  const first = view.activeJobs.find((j) => j.kind === "first");
  const progress = (first?.progress ?? byEntity.get("first_sync")?.progress ?? {}) as {
    phase?: string;
    uploaded?: number;
    total?: number;
  };
  const showProgress = first !== undefined || (progress.phase !== undefined && progress.phase !== "done");
  const pct = progress.total ? Math.round(((progress.uploaded ?? 0) / progress.total) * 100) : first ? 0 : 100;
  const when = (at: string | null) => (at ? format.relativeTime(new Date(at), now) : t("never"));
  return (
    <SettingsSection
      id="retailcrm-sync"
      title={t("syncTitle")}
      description={t("syncDescription")}
      actions={
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            variant="outline"
            onClick={() => sync.mutate("first")}
            disabled={sync.isPending || first !== undefined}
          >
            <UploadCloud aria-hidden />
            {t("firstSync")}
          </Button>
          <Button
            size="sm"
            onClick={() => sync.mutate("history")}
            disabled={sync.isPending || running}
            loading={running}
          >
            <RefreshCw aria-hidden />
            {running ? t("syncing") : t("syncNow")}
          </Button>
        </div>
      }
    >
      <Card className="overflow-x-auto">
        {showProgress && (
          <div className="grid gap-2 border-b px-4 py-3" data-testid="retailcrm-first-sync">
            <div className="flex flex-wrap justify-between gap-2 text-sm">
              <span className="font-medium">{t(`phase.${progress.phase ?? "queued"}`)}</span>
              <span className="text-muted-foreground tabular-nums">
                {t("uploaded", { done: progress.uploaded ?? 0, total: progress.total ?? 0 })}
              </span>
            </div>
            <div
              role="progressbar"
              aria-label={t("firstSync")}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct}
              className="h-2 overflow-hidden rounded-full bg-muted"
            >
              <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${pct}%` }} />
            </div>
          </div>
        )}
        <ul className="divide-y text-sm" data-testid="retailcrm-sync-state">
          {FEEDS.map((entity) => {
            const s = byEntity.get(entity);
            return (
              <li
                key={entity}
                data-testid={`retailcrm-feed-${entity}`}
                className="grid grid-cols-[1fr_auto] items-baseline gap-x-4 gap-y-1 px-4 py-3 sm:grid-cols-[11rem_1fr_auto]"
              >
                <span className="font-medium">{t(`feeds.${entity}`)}</span>
                <span className="text-right text-muted-foreground sm:text-left">
                  {t("lastRunAt", { when: when(s?.lastRunAt ?? null) })}
                </span>
                <span className="text-muted-foreground tabular-nums sm:text-right">
                  {t("inOut", { in: s?.itemsIn ?? 0, out: s?.itemsOut ?? 0 })}
                </span>
                {s?.lastError && (
                  <span className="col-span-full text-xs break-words text-destructive">{s.lastError}</span>
                )}
              </li>
            );
          })}
        </ul>
      </Card>
    </SettingsSection>
  );
}

/** What to paste into RetailCRM (the trigger's URL) and the telephony module's registration. */
export function ModulePanel({ view }: { view: ConnectionView }) {
  const t = useTranslations("retailcrm");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const register = useMutation({
    mutationFn: () =>
      api<{ registered: boolean; message?: string }>("/api/retailcrm/connection/module", { method: "POST" }),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: ["retailcrm"] });
      if (r.registered) toast.success(t("moduleRegistered"));
      else toast.error(t("moduleFailed", { message: r.message ?? "" }));
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  return (
    <SettingsSection
      id="retailcrm-module"
      title={t("moduleTitle")}
      description={t("moduleDescription")}
      actions={
        <Button size="sm" variant="outline" onClick={() => register.mutate()} loading={register.isPending}>
          <PhoneCall aria-hidden />
          {view.moduleRegisteredAt ? t("moduleUpdate") : t("moduleRegister")}
        </Button>
      }
    >
      <Card className="grid gap-4 p-4">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {view.moduleRegisteredAt ? (
            <Badge tone="success">
              {t("moduleSince", {
                when: format.dateTime(new Date(view.moduleRegisteredAt), { dateStyle: "medium", timeStyle: "short" }),
              })}
            </Badge>
          ) : (
            <Badge>{t("moduleNone")}</Badge>
          )}
          <span className="text-muted-foreground">{t("moduleCodes", { count: view.managerMap.length })}</span>
        </div>
        <div className="grid gap-1.5">
          <p className="text-[13px] font-medium">{t("triggerUrl")}</p>
          <CopyField
            value={view.webhookUrl}
            label={t("triggerUrl")}
            copyLabel={tCommon("copy")}
            copiedLabel={tCommon("copied")}
            mono
          />
          <p className="text-xs text-muted-foreground">{t("triggerHint")}</p>
        </div>
        <div className="grid gap-1.5">
          <p className="text-[13px] font-medium">{t("makeCallUrl")}</p>
          <CopyField
            value={view.makeCallUrl}
            label={t("makeCallUrl")}
            copyLabel={tCommon("copy")}
            copiedLabel={tCommon("copied")}
            mono
          />
        </div>
      </Card>
    </SettingsSection>
  );
}
