"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { fetchPipelines, pipelineKeys } from "@/components/pipeline/pipeline-api";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { Card, SettingsSection } from "@/components/settings/section";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { fetchMembers, queryKeys } from "@/lib/client/queries";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { retailcrmKeys, saveBody, saveConnection, type ConnectionView, type SaveBody } from "./retailcrm-api";

function useSave(view: ConnectionView) {
  const t = useTranslations("retailcrm");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<SaveBody>) => saveConnection(saveBody(view, patch)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: retailcrmKeys.connection });
      toast.success(t("saved"));
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
}

/** Which member is which RetailCRM user (id) and telephony code: the calls' manager, makeCallUrl's member. */
export function ManagerMapping({ view }: { view: ConnectionView }) {
  const t = useTranslations("retailcrm");
  const members = useQuery({ queryKey: queryKeys.members, queryFn: fetchMembers });
  const save = useSave(view);
  const current = new Map(view.managerMap.map((m) => [m.memberId, m]));
  const [draft, setDraft] = useState<Record<string, { userId: string; code: string }>>({});
  const valueOf = (id: string) =>
    draft[id] ?? { userId: String(current.get(id)?.userId ?? ""), code: current.get(id)?.code ?? "" };
  const set = (id: string, key: "userId" | "code", v: string) =>
    setDraft((d) => ({ ...d, [id]: { ...valueOf(id), [key]: v } }));
  const submit = () => {
    const ids = new Set([...current.keys(), ...Object.keys(draft)]);
    const managerMap = [...ids].flatMap((memberId) => {
      const v = valueOf(memberId);
      const userId = Number(v.userId);
      return v.userId.trim() && Number.isInteger(userId) && userId > 0 && v.code.trim()
        ? [{ memberId, userId, code: v.code.trim() }]
        : [];
    });
    save.mutate({ managerMap }, { onSuccess: () => setDraft({}) });
  };
  return (
    <SettingsSection id="retailcrm-managers" title={t("managersTitle")} description={t("managersDescription")}>
      <Card className="overflow-x-auto">
        {members.isPending ? (
          <RowsSkeleton rows={2} />
        ) : members.isError ? (
          <LoadError error={members.error} onRetry={() => void members.refetch()} />
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <table className="w-full text-sm">
              <thead className="text-left text-xs text-muted-foreground">
                <tr>
                  <th className="px-4 py-2 font-medium">{t("member")}</th>
                  <th className="px-2 py-2 font-medium">{t("fields.userId")}</th>
                  <th className="px-2 py-2 pr-4 font-medium">{t("fields.code")}</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {(members.data ?? []).map((m) => {
                  const name = m.full_name || m.email;
                  const v = valueOf(m.user_id);
                  return (
                    <tr key={m.user_id} data-testid="retailcrm-manager-row">
                      <td className="px-4 py-2">{name}</td>
                      <td className="w-28 px-2 py-2 sm:w-40">
                        <Input
                          inputMode="numeric"
                          className="h-8"
                          aria-label={`${t("fields.userId")}: ${name}`}
                          value={v.userId}
                          onChange={(e) => set(m.user_id, "userId", e.target.value.replace(/\D/g, ""))}
                        />
                      </td>
                      <td className="w-28 px-2 py-2 pr-4 sm:w-40">
                        <Input
                          className="h-8"
                          maxLength={20}
                          aria-label={`${t("fields.code")}: ${name}`}
                          value={v.code}
                          onChange={(e) => set(m.user_id, "code", e.target.value)}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className="flex justify-end border-t px-4 py-3">
              <Button type="submit" size="sm" disabled={!Object.keys(draft).length} loading={save.isPending}>
                {t("saveManagers")}
              </Button>
            </div>
          </form>
        )}
      </Card>
    </SettingsSection>
  );
}

const NONE = "__none";

/** Orders become deals of one pipeline; each RetailCRM status code maps onto one of its stages. */
export function StatusMapping({ view }: { view: ConnectionView }) {
  const t = useTranslations("retailcrm");
  const pipelines = useQuery({ queryKey: pipelineKeys.pipelines, queryFn: ({ signal }) => fetchPipelines(signal) });
  const save = useSave(view);
  const [pipelineId, setPipelineId] = useState<string | null>(view.pipelineId);
  const [rows, setRows] = useState<{ code: string; stageId: string }[]>(
    Object.entries(view.statusMap).map(([code, stageId]) => ({ code, stageId })),
  );
  const stages = pipelines.data?.find((p) => p.id === pipelineId)?.stages ?? [];
  const submit = () => {
    const statusMap = Object.fromEntries(
      rows.filter((r) => r.code.trim() && r.stageId).map((r) => [r.code.trim(), r.stageId]),
    );
    save.mutate({ pipelineId, statusMap: pipelineId ? statusMap : {} });
  };
  return (
    <SettingsSection id="retailcrm-statuses" title={t("statusesTitle")} description={t("statusesDescription")}>
      <Card className="p-4">
        {pipelines.isPending ? (
          <RowsSkeleton rows={2} />
        ) : pipelines.isError ? (
          <LoadError error={pipelines.error} onRetry={() => void pipelines.refetch()} />
        ) : (
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <div className="grid max-w-sm gap-1.5">
              <label className="text-[13px] font-medium" id="rc-pipeline-label">
                {t("fields.pipeline")}
              </label>
              <Select
                value={pipelineId ?? NONE}
                onValueChange={(v) => {
                  setPipelineId(v === NONE ? null : v);
                  setRows((r) => r.map((x) => ({ ...x, stageId: "" })));
                }}
              >
                <SelectTrigger aria-labelledby="rc-pipeline-label">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={NONE}>{t("noPipeline")}</SelectItem>
                  {(pipelines.data ?? []).map((p) => (
                    <SelectItem key={p.id} value={p.id}>
                      {p.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
            {pipelineId && (
              <div className="grid gap-2">
                {rows.length === 0 && <p className="text-sm text-muted-foreground">{t("noStatuses")}</p>}
                {rows.map((r, i) => (
                  <div key={i} className="flex flex-wrap items-center gap-2" data-testid="retailcrm-status-row">
                    <Input
                      className="h-9 w-40"
                      placeholder="new"
                      aria-label={t("fields.statusCode", { n: i + 1 })}
                      value={r.code}
                      onChange={(e) => setRows((x) => x.map((y, k) => (k === i ? { ...y, code: e.target.value } : y)))}
                    />
                    <span aria-hidden className="text-muted-foreground">
                      →
                    </span>
                    <Select
                      value={r.stageId || undefined}
                      onValueChange={(v) => setRows((x) => x.map((y, k) => (k === i ? { ...y, stageId: v } : y)))}
                    >
                      <SelectTrigger className="w-48" aria-label={t("fields.stage", { n: i + 1 })}>
                        <SelectValue placeholder={t("chooseStage")} />
                      </SelectTrigger>
                      <SelectContent>
                        {stages.map((s) => (
                          <SelectItem key={s.id} value={s.id}>
                            {s.name}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                    <Button
                      type="button"
                      size="icon-sm"
                      variant="ghost"
                      aria-label={t("removeStatus", { code: r.code || String(i + 1) })}
                      onClick={() => setRows((x) => x.filter((_, k) => k !== i))}
                    >
                      <Trash2 aria-hidden />
                    </Button>
                  </div>
                ))}
                <div>
                  <Button
                    type="button"
                    size="sm"
                    variant="ghost"
                    onClick={() => setRows((x) => [...x, { code: "", stageId: "" }])}
                  >
                    <Plus aria-hidden />
                    {t("addStatus")}
                  </Button>
                </div>
              </div>
            )}
            <div className="flex justify-end">
              <Button type="submit" size="sm" loading={save.isPending}>
                {t("saveStatuses")}
              </Button>
            </div>
          </form>
        )}
      </Card>
    </SettingsSection>
  );
}
