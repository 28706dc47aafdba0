"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Check, X } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { RowsSkeleton } from "@/components/settings/query-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { cn } from "@/components/ui/cn";
import {
  automationKeys,
  fetchDeliveries,
  fetchRecentDeals,
  fetchRuns,
  tryRule,
  type PipelineLite,
  type Rule,
} from "./automations-api";
import { Field, selectClass } from "./rule-fields";
import { useRuleText } from "./rule-text";

/** Try the rule on one deal: which conditions hold and what each action would do. Writes nothing. */
export function DryRunDialog({
  rule,
  pipelines,
  onClose,
}: {
  rule: Rule;
  pipelines: PipelineLite[] | undefined;
  onClose: () => void;
}) {
  const t = useTranslations("automations");
  const text = useRuleText(pipelines);
  const deals = useQuery({ queryKey: ["deals", "recent"], queryFn: ({ signal }) => fetchRecentDeals(signal) });
  const [dealId, setDealId] = useState("");
  const run = useMutation({ mutationFn: () => tryRule(rule.id, dealId) });
  const result = run.data;
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-lg" closeLabel={t("close")}>
        <DialogHeader title={t("dryRun.title", { name: rule.name })} description={t("dryRun.hint")} />
        {deals.data?.deals.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("dryRun.noDeals")}</p>
        ) : (
          <form
            className="flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (dealId) run.mutate();
            }}
          >
            <div className="min-w-0 flex-1">
              <Field label={t("dryRun.deal")}>
                <select className={selectClass} value={dealId} name="deal" onChange={(e) => setDealId(e.target.value)}>
                  <option value="">{t("dryRun.pickDeal")}</option>
                  {deals.data?.deals.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.title}
                      {d.contactName ? ` · ${d.contactName}` : ""} · {text.stageName(d.stageId)}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <Button type="submit" disabled={!dealId} loading={run.isPending}>
              {t("dryRun.run")}
            </Button>
          </form>
        )}
        {result && (
          <div className="grid gap-3 text-sm" data-testid="dry-run-result">
            <p className={cn("font-medium", result.wouldFire ? "text-success" : "text-muted-foreground")}>
              {result.wouldFire ? t("dryRun.wouldFire") : t("dryRun.wouldNotFire")}
            </p>
            {rule.conditions.length > 0 && (
              <ul className="grid gap-1">
                {rule.conditions.map((c, i) => {
                  const passed = result.conditions[i]?.passed;
                  return (
                    <li key={i} className="flex items-center gap-2" title={result.conditions[i]?.detail}>
                      {passed ? (
                        <Check className="size-4 text-success" aria-label={t("dryRun.passed")} />
                      ) : (
                        <X className="size-4 text-destructive" aria-label={t("dryRun.failed")} />
                      )}
                      {text.condition(c)}
                    </li>
                  );
                })}
              </ul>
            )}
            {result.wouldFire && (
              <ol className="grid list-decimal gap-1 pl-5">
                {rule.actions.map((a, i) => (
                  <li key={i} title={result.actions[i]?.detail}>
                    {text.action(a)}
                  </li>
                ))}
              </ol>
            )}
            <p className="text-xs text-muted-foreground">{t("dryRun.nothingChanged")}</p>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** The rule's runs and, when it calls a webhook, every delivery attempt. */
export function LogDialog({ rule, onClose }: { rule: Rule; onClose: () => void }) {
  const t = useTranslations("automations.logDialog");
  const page = useTranslations("automations");
  const close = page("close");
  const format = useFormatter();
  const hasWebhook = rule.actions.some((a) => a.type === "webhook");
  const [tab, setTab] = useState<"runs" | "deliveries">("runs");
  const runs = useQuery({
    queryKey: automationKeys.runs(rule.id),
    queryFn: ({ signal }) => fetchRuns(rule.id, signal),
  });
  const deliveries = useQuery({
    queryKey: automationKeys.deliveries(rule.id),
    queryFn: ({ signal }) => fetchDeliveries(rule.id, signal),
    enabled: hasWebhook,
  });
  const at = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "medium" });
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[85dvh] max-w-2xl overflow-y-auto" closeLabel={close}>
        <DialogHeader title={t("title", { name: rule.name })} />
        {hasWebhook && (
          <div role="tablist" className="flex gap-1 rounded-lg bg-muted p-1 text-sm">
            {(["runs", "deliveries"] as const).map((x) => (
              <button
                key={x}
                role="tab"
                aria-selected={tab === x}
                className={cn("flex-1 rounded-md px-3 py-1.5", tab === x && "bg-card shadow-xs")}
                onClick={() => setTab(x)}
              >
                {t(x)}
              </button>
            ))}
          </div>
        )}
        {tab === "runs" ? (
          runs.isPending ? (
            <RowsSkeleton />
          ) : !runs.data?.runs.length ? (
            <p className="text-sm text-muted-foreground">{t("noRuns")}</p>
          ) : (
            <ul className="grid gap-2 text-sm" data-testid="run-log">
              {runs.data.runs.map((r) => (
                <li key={r.id} className="rounded-lg border p-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={r.status === "fired" ? "success" : r.status === "loop" ? "destructive" : "warning"}>
                      {t(`status.${r.status}`)}
                    </Badge>
                    <span className="text-muted-foreground">{at(r.createdAt)}</span>
                    <span className="truncate">{t("deal", { deal: r.dealTitle ?? t("deletedDeal") })}</span>
                  </div>
                  {r.actions.length > 0 && (
                    <p className="mt-1 text-xs text-muted-foreground">
                      {r.actions
                        .map((a) => `${page(`actionTypes.${a.type}`)}: ${t(`outcome.${a.outcome}`)}`)
                        .join(" · ")}
                    </p>
                  )}
                  {r.error && <p className="mt-1 text-xs break-words text-destructive">{r.error}</p>}
                </li>
              ))}
            </ul>
          )
        ) : deliveries.isPending ? (
          <RowsSkeleton />
        ) : !deliveries.data?.deliveries.length ? (
          <p className="text-sm text-muted-foreground">{t("noDeliveries")}</p>
        ) : (
          <ul className="grid gap-2 text-sm" data-testid="delivery-log">
            {deliveries.data.deliveries.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-2 rounded-lg border p-3">
                <Badge tone={d.ok ? "success" : "destructive"}>{d.statusCode ?? t("noAnswer")}</Badge>
                <span>{t("attempt", { n: d.attempt })}</span>
                <span className="text-muted-foreground">{at(d.createdAt)}</span>
                {d.durationMs !== null && (
                  <span className="text-muted-foreground">{t("ms", { ms: d.durationMs })}</span>
                )}
                <span className="w-full truncate text-xs text-muted-foreground">{d.error ?? d.url}</span>
              </li>
            ))}
          </ul>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** The webhook signing secret of a new rule, shown once with a copy button. */
export function SecretDialog({ secret, onClose }: { secret: string; onClose: () => void }) {
  const t = useTranslations("automations");
  const common = useTranslations("common");
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent closeLabel={t("close")}>
        <DialogHeader title={t("secretTitle")} description={t("secretBody")} />
        <CopyField
          value={secret}
          label={t("secretTitle")}
          copyLabel={common("copy")}
          copiedLabel={common("copied")}
          mono
        />
        <DialogFooter>
          <Button onClick={onClose}>{t("close")}</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
