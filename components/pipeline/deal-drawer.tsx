"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bot, X } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { toast } from "sonner";
import { InterestChip } from "@/components/leads/lead-badges";
import { LoadError } from "@/components/settings/query-state";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiRequestError } from "@/lib/client/api";
import { roleAtLeast } from "@/lib/client/types";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { DealConversation } from "./deal-conversation";
import { DealSuggestion } from "./deal-suggestion";
import { useAskLostReason } from "./lost-reason";
import {
  fetchDeal,
  moveDeal,
  patchDeal,
  pipelineKeys,
  type DealDetail,
  type DealPatch,
  type Stage,
} from "./pipeline-api";
import { RefPicker } from "./ref-picker";
import { NotesPanel } from "@/components/crm/notes-panel";
import { TasksPanel } from "@/components/tasks/tasks-panel";
import { CallsPanel } from "@/components/telephony/calls-panel";
import { MemberOptions } from "@/components/shell/member-options";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="grid gap-2 border-t px-5 py-4">
      <h3 className="text-[11px] font-semibold tracking-wide text-muted-foreground uppercase">{title}</h3>
      {children}
    </section>
  );
}

/** The deal drawer (?deal=<id>, so it can be linked): its fields, stage, history and the client's conversation. */
export function DealDrawer({
  dealId,
  stagesOf,
  onClose,
}: {
  dealId: string | null;
  /** A pipeline's stages: a linked deal may be in another pipeline than the board's. */
  stagesOf: (pipelineId: string) => Stage[];
  onClose: () => void;
}) {
  const t = useTranslations("dealDrawer");
  const deal = useQuery({
    queryKey: pipelineKeys.deal(dealId ?? ""),
    queryFn: ({ signal }) => fetchDeal(dealId!, signal),
    enabled: Boolean(dealId),
  });
  return (
    <DialogPrimitive.Root open={Boolean(dealId)} onOpenChange={(o) => !o && onClose()}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-black/30" />
        <DialogPrimitive.Content
          className="fixed inset-y-0 right-0 z-50 flex w-full max-w-xl flex-col border-l bg-popover text-popover-foreground shadow-2xl outline-none"
          data-testid="deal-drawer"
          aria-describedby={undefined}
        >
          <div className="flex items-center gap-2 border-b px-5 py-3">
            <DialogPrimitive.Title className="min-w-0 flex-1 truncate text-base font-semibold">
              {deal.data?.title ?? t("loading")}
            </DialogPrimitive.Title>
            <DialogPrimitive.Close
              aria-label={t("close")}
              className="rounded-md p-1 text-muted-foreground hover:bg-muted hover:text-foreground"
            >
              <X className="size-4" />
            </DialogPrimitive.Close>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto">
            {deal.error ? (
              <div className="p-5">
                <LoadError error={deal.error} onRetry={() => void deal.refetch()} />
              </div>
            ) : !deal.data ? (
              <div className="grid gap-3 p-5" aria-busy>
                <Skeleton className="h-9" />
                <Skeleton className="h-40" />
              </div>
            ) : (
              <DealBody key={deal.data.id} deal={deal.data} stages={stagesOf(deal.data.pipelineId)} />
            )}
          </div>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

function DealBody({ deal, stages }: { deal: DealDetail; stages: Stage[] }) {
  const t = useTranslations("dealDrawer");
  const format = useFormatter();
  const me = useMe();
  const canWrite = roleAtLeast(me.role, "agent");
  const canManage = roleAtLeast(me.role, "manager");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const askLost = useAskLostReason();
  const [title, setTitle] = useState(deal.title);
  const [amount, setAmount] = useState(deal.amount ?? "");
  const [currency, setCurrency] = useState(deal.currency);
  const [tags, setTags] = useState(deal.tags.join(", "));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["deals"] });
  const save = useMutation({
    mutationFn: (patch: DealPatch) => patchDeal(deal.id, { ...patch, expectedVersion: deal.version }),
    onSuccess: () => toast.success(t("saved")),
    onError: (e) => toast.error(e instanceof ApiRequestError && e.status === 409 ? t("stale") : errorMessage(e)),
    onSettled: refresh,
  });
  const move = useMutation({
    mutationFn: async (stageId: string) => {
      const stage = stages.find((s) => s.id === stageId)!;
      const lostReason = stage.kind === "lost" ? await askLost(deal.title) : undefined;
      if (lostReason === null) return null;
      return moveDeal(deal.id, { stageId, expectedVersion: deal.version, lostReason });
    },
    onError: (e) => toast.error(errorMessage(e)),
    onSettled: refresh,
  });
  const stageName = (id: string | null) => stages.find((s) => s.id === id)?.name ?? "—";
  const lostIds = new Set(stages.filter((s) => s.kind === "lost").map((s) => s.id));
  return (
    <div className="pb-6">
      <div className="grid gap-3 px-5 py-4">
        <div className="flex flex-wrap items-center gap-2">
          <select
            aria-label={t("stage")}
            className="h-9 rounded-md border border-input bg-card px-2 text-sm"
            value={deal.stageId}
            disabled={!canWrite || move.isPending}
            onChange={(e) => move.mutate(e.target.value)}
            data-testid="drawer-stage"
          >
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {deal.interestLevel && <InterestChip level={deal.interestLevel} />}
          {deal.leadScore !== null && (
            <span className="text-xs text-muted-foreground">{t("score", { score: deal.leadScore })}</span>
          )}
        </div>
        {deal.lostReason && (
          <p className="text-sm text-destructive" data-testid="drawer-lost-reason">
            {t("lostBecause", { reason: deal.lostReason })}
          </p>
        )}
        <DealSuggestion deal={deal} lostStage={lostIds.has(deal.suggestion?.toStageId ?? "")} canWrite={canWrite} />
      </div>
      <Section title={t("details")}>
        <form
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({
              title: title.trim(),
              amount: amount.trim() || null,
              currency: currency.trim().toUpperCase(),
              tags: tags
                .split(",")
                .map((x) => x.trim())
                .filter(Boolean),
            });
          }}
        >
          <label className="grid gap-1 text-xs text-muted-foreground">
            {t("title")}
            <Input value={title} onChange={(e) => setTitle(e.target.value)} disabled={!canWrite} maxLength={300} />
          </label>
          <div className="grid grid-cols-[1fr_7rem] gap-2">
            <label className="grid gap-1 text-xs text-muted-foreground">
              {t("amount")}
              <Input
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                disabled={!canWrite}
                data-testid="drawer-amount"
              />
            </label>
            <label className="grid gap-1 text-xs text-muted-foreground">
              {t("currency")}
              <Input
                value={currency}
                onChange={(e) => setCurrency(e.target.value)}
                disabled={!canWrite}
                maxLength={3}
                className="uppercase"
                data-testid="drawer-currency"
              />
            </label>
          </div>
          <label className="grid gap-1 text-xs text-muted-foreground">
            {t("tags")}
            <Input value={tags} onChange={(e) => setTags(e.target.value)} disabled={!canWrite} placeholder="vip, b2b" />
          </label>
          <div className="flex justify-end">
            <Button type="submit" size="sm" loading={save.isPending} disabled={!canWrite || !title.trim()}>
              {t("save")}
            </Button>
          </div>
        </form>
        <label className="grid gap-1 text-xs text-muted-foreground">
          {t("owner")}
          <select
            className="h-9 rounded-md border border-input bg-card px-2 text-sm text-foreground"
            value={deal.ownerId ?? ""}
            disabled={!canWrite}
            onChange={(e) => save.mutate({ ownerId: e.target.value || null })}
          >
            <option value="">{t("noOwner")}</option>
            <MemberOptions />
          </select>
        </label>
        <div className="grid gap-1 text-xs text-muted-foreground">
          {t("client")}
          <RefPicker
            kind="client"
            label={t("client")}
            disabled={!canWrite}
            value={deal.contactId ? { id: deal.contactId, name: deal.contactName ?? "" } : null}
            onPick={(o) => save.mutate({ contactId: o?.id ?? null })}
          />
        </div>
        <div className="grid gap-1 text-xs text-muted-foreground">
          {t("company")}
          <RefPicker
            kind="company"
            label={t("company")}
            disabled={!canWrite}
            value={deal.companyId ? { id: deal.companyId, name: deal.companyName ?? "" } : null}
            onPick={(o) => save.mutate({ companyId: o?.id ?? null })}
          />
        </div>
      </Section>
      <Section title={t("conversation")}>
        {deal.conversationId ? (
          <DealConversation conversationId={deal.conversationId} canWrite={canWrite} canManage={canManage} />
        ) : (
          <p className="text-sm text-muted-foreground">{t("noConversation")}</p>
        )}
      </Section>
      <Section title={t("history")}>
        <ol className="grid gap-2" data-testid="deal-history">
          {deal.history.map((h) => (
            <li key={h.id} className="flex items-start gap-2 text-sm">
              <span className="mt-1.5 size-1.5 shrink-0 rounded-full bg-primary" aria-hidden />
              <div className="min-w-0">
                <p>
                  {h.fromStageId
                    ? t("moved", { from: stageName(h.fromStageId), to: stageName(h.toStageId) })
                    : t("created", { to: stageName(h.toStageId) })}
                </p>
                <p className="flex items-center gap-1 text-xs text-muted-foreground">
                  {h.autoMoved && <Bot className="size-3" aria-hidden />}
                  {[
                    h.movedByName ?? (h.autoMoved ? null : t("someone")),
                    h.ruleId ? t("byRule") : h.autoMoved ? t("auto") : null,
                    format.dateTime(new Date(h.movedAt), { dateStyle: "medium", timeStyle: "short" }),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
              </div>
            </li>
          ))}
        </ol>
      </Section>
      <Section title={t("notesAndTasks")}>
        <div className="grid gap-4">
          <TasksPanel dealId={deal.id} />
          <NotesPanel dealId={deal.id} />
          {deal.contactId && <CallsPanel contactId={deal.contactId} />}
        </div>
      </Section>
    </div>
  );
}
