"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FlaskConical, History, Pencil, Trash2 } from "lucide-react";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Switch } from "@/components/channels/switch";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ApiRequestError } from "@/lib/client/api";
import { automationKeys, deleteRule, updateRule, type PipelineLite, type Rule } from "./automations-api";
import { useRuleText } from "./rule-text";

/** One rule: its sentence, its switch, when it last fired and on what, and what can be done with it. */
export function RuleRow({
  rule,
  pipelines,
  canWrite,
  onEdit,
  onTry,
  onLog,
}: {
  rule: Rule;
  pipelines: PipelineLite[] | undefined;
  canWrite: boolean;
  onEdit: () => void;
  onTry: () => void;
  onLog: () => void;
}) {
  const t = useTranslations("automations");
  const text = useRuleText(pipelines);
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: automationKeys.rules });
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => updateRule(rule.id, { enabled }),
    onSuccess: refresh,
    onError: (e) => toast.error(e instanceof ApiRequestError ? e.message : t("saveFailed")),
  });
  const remove = useMutation({
    mutationFn: () => deleteRule(rule.id),
    onSuccess: async () => {
      setConfirming(false);
      toast.success(t("deleted"));
      await refresh();
    },
    onError: (e) => toast.error(e instanceof ApiRequestError ? e.message : t("saveFailed")),
  });
  const enabled = toggle.isPending ? Boolean(toggle.variables) : rule.enabled;
  const when = rule.lastFiredAt ? format.relativeTime(new Date(rule.lastFiredAt), now) : null;

  return (
    <li className="grid gap-3 rounded-xl border bg-card p-4 shadow-xs" data-testid="rule-row" data-rule-id={rule.id}>
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="truncate font-medium">{rule.name}</h3>
            {rule.stoppedReason && <Badge tone="destructive">{t("stoppedShort")}</Badge>}
          </div>
          <p className="mt-1 text-sm text-muted-foreground">
            <span className="font-medium text-foreground">{t("when")}</span> {text.trigger(rule.trigger)}
            {rule.conditions.map((c, i) => (
              <span key={i}>
                {" "}
                <span className="font-medium text-foreground">{t("and")}</span> {text.condition(c)}
              </span>
            ))}
            {", "}
            <span className="font-medium text-foreground">{t("then")}</span>{" "}
            {rule.actions.map((a) => text.action(a)).join("; ")}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <span className="hidden text-xs text-muted-foreground sm:inline">{enabled ? t("on") : t("off")}</span>
          <Switch
            checked={enabled}
            disabled={!canWrite || toggle.isPending}
            aria-label={t("toggle", { name: rule.name })}
            onCheckedChange={(v) => toggle.mutate(v)}
          />
        </div>
      </div>
      {rule.stoppedReason && (
        <p className="rounded-md bg-destructive/10 px-3 py-2 text-xs text-destructive">
          {t("stopped", { reason: rule.stoppedReason })}
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-muted-foreground" data-testid="rule-last-fired">
          {when
            ? rule.lastDealTitle
              ? t("lastFired", { when, deal: rule.lastDealTitle })
              : t("lastFiredNoDeal", { when })
            : t("neverFired")}
          {rule.fireCount > 0 && <> · {t("fired", { count: rule.fireCount })}</>}
        </p>
        <div className="flex flex-wrap gap-1">
          <Button variant="ghost" size="sm" onClick={onTry}>
            <FlaskConical className="size-4" aria-hidden />
            {t("try")}
          </Button>
          <Button variant="ghost" size="sm" onClick={onLog}>
            <History className="size-4" aria-hidden />
            {t("log")}
          </Button>
          {canWrite && (
            <>
              <Button variant="ghost" size="sm" onClick={onEdit}>
                <Pencil className="size-4" aria-hidden />
                {t("edit")}
              </Button>
              <Button variant="ghost" size="icon-sm" aria-label={t("delete")} onClick={() => setConfirming(true)}>
                <Trash2 className="size-4" />
              </Button>
            </>
          )}
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t("deleteTitle", { name: rule.name })}
        description={t("deleteBody")}
        confirmLabel={t("delete")}
        cancelLabel={t("cancel")}
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
    </li>
  );
}
