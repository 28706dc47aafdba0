"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { createDeal, fetchPipelines, fetchPipelineSettings, pipelineKeys, type Deal } from "./pipeline-api";

const selectClass = "h-9 w-full rounded-md border border-input bg-card px-2 text-sm text-foreground";

/** "Create deal" from a conversation: pipeline, stage, a title from the client's name, an amount. */
export function CreateDealDialog({
  open,
  onOpenChange,
  contactId,
  defaultTitle,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  contactId?: string;
  defaultTitle: string;
  onCreated?: (deal: Deal) => void;
}) {
  const t = useTranslations("dealDrawer.create");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const pipelines = useQuery({
    queryKey: pipelineKeys.pipelines,
    queryFn: ({ signal }) => fetchPipelines(signal),
    enabled: open,
  });
  const settings = useQuery({
    queryKey: pipelineKeys.settings,
    queryFn: ({ signal }) => fetchPipelineSettings(signal),
    enabled: open,
  });
  const [pipelineId, setPipelineId] = useState("");
  const [stageId, setStageId] = useState("");
  const [title, setTitle] = useState(defaultTitle);
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState("");
  const pipeline = pipelines.data?.find((p) => p.id === pipelineId) ?? pipelines.data?.[0];
  const stages = pipeline?.stages.filter((s) => s.kind !== "lost") ?? [];
  const stage = stages.find((s) => s.id === stageId) ?? stages[0];
  const create = useMutation({
    mutationFn: () =>
      createDeal({
        title: title.trim(),
        pipelineId: pipeline!.id,
        stageId: stage?.id,
        contactId,
        amount: amount.trim() || undefined,
        currency: (currency.trim() || settings.data?.defaultCurrency || undefined)?.toUpperCase(),
      }),
    onSuccess: (deal) => {
      toast.success(t("created"));
      void queryClient.invalidateQueries({ queryKey: ["deals"] });
      onOpenChange(false);
      onCreated?.(deal);
    },
    onError: (e) => toast.error(errorMessage(e)),
  });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (o) setTitle(defaultTitle);
        onOpenChange(o);
      }}
    >
      <DialogContent closeLabel={t("cancel")} data-testid="create-deal-dialog">
        <DialogHeader title={t("title")} description={t("description")} />
        <form
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (title.trim() && pipeline) create.mutate();
          }}
        >
          <label className="grid gap-1 text-xs text-muted-foreground">
            {t("dealTitle")}
            <Input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              maxLength={300}
              data-testid="create-deal-title"
            />
          </label>
          <div className="grid gap-2 sm:grid-cols-2">
            <label className="grid gap-1 text-xs text-muted-foreground">
              {t("pipeline")}
              <select
                className={selectClass}
                value={pipeline?.id ?? ""}
                onChange={(e) => setPipelineId(e.target.value)}
              >
                {(pipelines.data ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="grid gap-1 text-xs text-muted-foreground">
              {t("stage")}
              <select
                className={selectClass}
                value={stage?.id ?? ""}
                onChange={(e) => setStageId(e.target.value)}
                data-testid="create-deal-stage"
              >
                {stages.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="grid grid-cols-[1fr_6rem] gap-2">
            <label className="grid gap-1 text-xs text-muted-foreground">
              {t("amount")}
              <Input
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                data-testid="create-deal-amount"
              />
            </label>
            <label className="grid gap-1 text-xs text-muted-foreground">
              {t("currency")}
              <Input
                className="uppercase"
                maxLength={3}
                value={currency}
                placeholder={settings.data?.defaultCurrency ?? "RUB"}
                onChange={(e) => setCurrency(e.target.value)}
              />
            </label>
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {t("cancel")}
            </Button>
            <Button
              type="submit"
              loading={create.isPending}
              disabled={!title.trim() || !pipeline}
              data-testid="create-deal-submit"
            >
              {t("submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
