"use client";

import { useQuery } from "@tanstack/react-query";
import { Bell, Clock, Flame, MessageSquareReply, Plus, Workflow, AlarmClockOff, ArrowRightLeft } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { buildTemplate, TEMPLATE_IDS, type TemplateId } from "@/lib/automation/templates";
import { roleAtLeast } from "@/lib/client/types";
import { automationKeys, fetchPipelines, fetchRules, type Rule } from "./automations-api";
import { DryRunDialog, LogDialog, SecretDialog } from "./rule-dialogs";
import { RuleEditor, type EditorState } from "./rule-editor";
import { RuleRow } from "./rule-row";

const ICONS: Record<TemplateId, typeof Clock> = {
  time_in_stage: Clock,
  first_reply: MessageSquareReply,
  stage_changed: ArrowRightLeft,
  lead_hot: Flame,
  task_overdue: Bell,
  no_reply: AlarmClockOff,
};

/** Automations page: seed 003's templates, the organisation's rules with their switches, logs and dry runs. */
export function AutomationsView() {
  const t = useTranslations("automations");
  const me = useMe();
  const canWrite = roleAtLeast(me.role, "manager");
  const rules = useQuery({ queryKey: automationKeys.rules, queryFn: ({ signal }) => fetchRules(signal) });
  const pipelines = useQuery({ queryKey: ["pipelines"], queryFn: ({ signal }) => fetchPipelines(signal) });
  const pipeline = pipelines.data?.find((p) => p.isDefault) ?? pipelines.data?.[0];
  const stages = pipeline?.stages ?? [];
  const [editor, setEditor] = useState<EditorState | null>(null);
  const [trying, setTrying] = useState<Rule | null>(null);
  const [logOf, setLogOf] = useState<Rule | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  const texts = (id: TemplateId) => ({
    name: t(`templates.${id}.name`),
    replied: t("templateTexts.replied"),
    prepare: t("templateTexts.prepare"),
    hot: t("templateTexts.hot"),
    overdue: t("templateTexts.overdue"),
    followUp: t("templateTexts.followUp"),
  });
  const fromTemplate = (id: TemplateId) => {
    const draft = buildTemplate(id, stages, texts(id));
    if (draft) setEditor({ draft: { ...draft, enabled: false } });
  };
  const blank = () =>
    setEditor({
      draft: {
        name: "",
        trigger: { type: "message_received" },
        conditions: [],
        actions: [{ type: "notify", to: "owner", text: "" }],
        enabled: false,
      },
    });

  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 p-4 sm:p-6">
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          canWrite ? (
            <Button onClick={blank} disabled={!pipeline}>
              <Plus className="size-4" aria-hidden />
              {t("newRule")}
            </Button>
          ) : undefined
        }
      />

      {canWrite && (
        <section aria-labelledby="templates-title" className="grid gap-3">
          <div>
            <h2 id="templates-title" className="text-sm font-semibold">
              {t("templatesTitle")}
            </h2>
            <p className="text-xs text-muted-foreground">{t("templatesHint")}</p>
          </div>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="templates">
            {TEMPLATE_IDS.map((id) => {
              const Icon = ICONS[id];
              return (
                <li key={id}>
                  <button
                    type="button"
                    data-template={id}
                    disabled={!pipeline}
                    onClick={() => fromTemplate(id)}
                    className="flex h-full w-full cursor-pointer items-start gap-3 rounded-xl border bg-card p-3 text-left shadow-xs transition-colors outline-none hover:border-primary/50 hover:bg-muted/40 focus-visible:ring-3 focus-visible:ring-ring/30 disabled:opacity-60"
                  >
                    <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-accent text-accent-foreground">
                      <Icon className="size-4" aria-hidden />
                    </span>
                    <span className="min-w-0">
                      <span className="block text-sm font-medium">{t(`templates.${id}.name`)}</span>
                      <span className="mt-0.5 block text-xs text-muted-foreground">
                        {t(`templates.${id}.description`)}
                      </span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <section aria-labelledby="rules-title" className="grid gap-3">
        <h2 id="rules-title" className="text-sm font-semibold">
          {t("rulesTitle")}
        </h2>
        {!canWrite && <p className="text-xs text-muted-foreground">{t("readOnly")}</p>}
        {rules.isPending ? (
          <RowsSkeleton rows={3} />
        ) : rules.isError ? (
          <LoadError error={rules.error} onRetry={() => rules.refetch()} />
        ) : rules.data.length === 0 ? (
          <EmptyState
            icon={Workflow}
            title={t("emptyTitle")}
            description={t("emptyBody")}
            className="rounded-xl border"
          />
        ) : (
          <ul className="grid gap-3" data-testid="rules">
            {rules.data.map((rule) => (
              <RuleRow
                key={rule.id}
                rule={rule}
                pipelines={pipelines.data}
                canWrite={canWrite}
                onEdit={() => setEditor({ rule, draft: { ...rule, template: rule.template ?? undefined } })}
                onTry={() => setTrying(rule)}
                onLog={() => setLogOf(rule)}
              />
            ))}
          </ul>
        )}
      </section>

      {editor && <RuleEditor state={editor} stages={stages} onClose={() => setEditor(null)} onSecret={setSecret} />}
      {trying && <DryRunDialog rule={trying} pipelines={pipelines.data} onClose={() => setTrying(null)} />}
      {logOf && <LogDialog rule={logOf} onClose={() => setLogOf(null)} />}
      {secret && <SecretDialog secret={secret} onClose={() => setSecret(null)} />}
    </div>
  );
}
