"use client";

import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useAiSettings } from "@/components/ai/use-ai-settings";
import { cn } from "@/components/ui/cn";
import { EditableFact, ManualMark, OwnerSelect, StageSelect, TextFact, useLeadPatch } from "./lead-editors";
import type { Lead } from "./leads-api";
import { leadBudget } from "./lead-summary";

const DEFAULT_QUESTIONS = {
  q1: { ru: "Какая задача / что нужно клиенту?", en: "What does the client need?" },
  q2: { ru: "Какой бюджет?", en: "What is the budget?" },
  q3: { ru: "Кто принимает решение (владелец или нет)?", en: "Who makes the decision (owner or not)?" },
  q4: { ru: "Когда нужно / какие сроки?", en: "When is it needed / what is the timeline?" },
};

export function DrawerSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="grid gap-2.5 px-5 pt-5">
      <h3 className="text-[11px] font-semibold tracking-wide text-muted-foreground uppercase">{title}</h3>
      {children}
    </section>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="min-w-0 rounded-lg bg-muted/50 px-3 py-2">
      <dt className="text-[11px] text-muted-foreground">{label}</dt>
      <dd className="truncate text-[13px] font-medium">{value ?? "—"}</dd>
    </div>
  );
}

/** Who the lead is, the four qualification answers against the organisation's questions, and how the score adds up. */
export function LeadDetails({ lead, canWrite }: { lead: Lead; canWrite: boolean }) {
  const save = useLeadPatch(lead);
  const manual = new Set(lead.manualFields);
  const t = useTranslations("leads.drawer");
  const tStage = useTranslations("leads.stages");
  const tNiche = useTranslations("leads.niches");
  const tRole = useTranslations("leads.roles");
  const locale = useLocale() === "ru" ? "ru" : "en";
  const tRules = useTranslations("aiSettings.scoring.rules");
  const tAnalysis = useTranslations("leadAnalysis");
  const settings = useAiSettings();
  // Rules of the default preset read in the UI's language; an organisation's own rules keep their label.
  const reasonLabel = ({ rule, label }: { rule: string; label: string }) => {
    const [kind, id] = rule.split(":");
    if (kind === "stage" && tStage.has(id as never)) return tStage(id as never);
    if (kind === "modifier" && tRules.has(id as never)) return tRules(id as never);
    if (rule === "clamp") return t("clamp");
    if (rule === "spam") return tAnalysis("spamRule");
    return label;
  };
  const questions = settings.data?.qualificationQuestions ?? DEFAULT_QUESTIONS;
  const total = lead.scoreReasons.reduce((sum, r) => sum + r.points, 0);
  return (
    <>
      <DrawerSection title={t("facts")}>
        <dl className="grid grid-cols-2 gap-2">
          <EditableFact label={t("stage")} manual={manual.has("funnelStage")}>
            <StageSelect lead={lead} disabled={!canWrite} label={t("stage")} />
          </EditableFact>
          <Fact label={t("niche")} value={lead.niche ? tNiche(lead.niche as never) : null} />
          <Fact label={t("role")} value={lead.role ? tRole(lead.role as never) : null} />
          <EditableFact label={t("owner")} manual={manual.has("isOwner")}>
            <OwnerSelect lead={lead} disabled={!canWrite} label={t("owner")} />
          </EditableFact>
          <EditableFact label={t("budget")} manual={manual.has("budget")}>
            <TextFact
              value={lead.budget}
              label={t("budget")}
              disabled={!canWrite}
              onSave={(budget) => save.mutate({ budget })}
              testId="edit-budget"
            />
          </EditableFact>
          <Fact label={t("phone")} value={lead.phone} />
        </dl>
        {lead.budgetAmount !== null && lead.budget && (
          <p className="text-[13px]" data-testid="budget-evidence">
            <span className="text-muted-foreground">{tAnalysis("budgetWords")}: </span>
            {leadBudget(lead, locale)} — {tAnalysis("because", { words: lead.budget })}
          </p>
        )}
        {lead.need && (
          <p className="text-[13px]">
            <span className="text-muted-foreground">{t("need")}: </span>
            {lead.need}
          </p>
        )}
      </DrawerSection>
      <DrawerSection title={t("qualification")}>
        <ol className="grid gap-2" data-testid="qualification">
          {(["q1", "q2", "q3", "q4"] as const).map((key, i) => {
            const answer = lead.qualification?.[key] ?? null;
            return (
              <li key={key} className="flex gap-2.5 text-[13px]">
                <span
                  className={cn(
                    "mt-px flex size-5 shrink-0 items-center justify-center rounded-full text-[10px] font-semibold",
                    answer ? "bg-success/15 text-success" : "bg-muted text-muted-foreground",
                  )}
                >
                  {i + 1}
                </span>
                <div className="min-w-0 flex-1">
                  <p className="flex items-center gap-1.5 text-muted-foreground">
                    {questions[key][locale]}
                    <ManualMark show={manual.has(`qualification.${key}`)} />
                  </p>
                  {canWrite ? (
                    <TextFact
                      value={answer}
                      label={questions[key][locale]}
                      disabled={false}
                      multiline
                      onSave={(value) => save.mutate({ qualification: { [key]: value } })}
                      testId={`edit-${key}`}
                    />
                  ) : (
                    <p className={cn(answer ? "font-medium" : "text-muted-foreground/70 italic")}>
                      {answer ?? t("noAnswer")}
                    </p>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      </DrawerSection>
      <DrawerSection title={t("scoreBreakdown")}>
        {lead.scoreReasons.length === 0 ? (
          <p className="text-xs text-muted-foreground">{t("noReasons")}</p>
        ) : (
          <ul className="divide-y rounded-lg border text-[13px]" data-testid="score-reasons">
            {lead.scoreReasons.map((reason) => (
              <li key={reason.rule} className="flex items-center justify-between gap-3 px-3 py-1.5">
                <span className="min-w-0">
                  <span className="block truncate">{reasonLabel(reason)}</span>
                  {reason.evidence && (
                    <span
                      className="block truncate text-xs text-muted-foreground"
                      title={reason.evidence}
                      data-testid="reason-evidence"
                    >
                      {tAnalysis("because", { words: reason.evidence })}
                    </span>
                  )}
                </span>
                <span
                  className={cn(
                    "font-medium tabular-nums",
                    reason.points > 0
                      ? "text-success"
                      : reason.points < 0
                        ? "text-destructive"
                        : "text-muted-foreground",
                  )}
                >
                  {reason.points > 0 ? `+${reason.points}` : reason.points}
                </span>
              </li>
            ))}
            <li className="flex items-center justify-between gap-3 bg-muted/40 px-3 py-1.5 font-semibold">
              <span>{t("total")}</span>
              <span className="tabular-nums">
                {lead.score ?? "—"}
                {lead.score !== null && lead.score !== total && (
                  <span className="ml-1 text-xs font-normal text-muted-foreground">{t("clamped", { sum: total })}</span>
                )}
              </span>
            </li>
          </ul>
        )}
      </DrawerSection>
    </>
  );
}
