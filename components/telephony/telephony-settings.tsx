"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { PhoneCall, PlugZap, Trash2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { Card, SettingsSection } from "@/components/settings/section";
import { useMe } from "@/components/shell/use-me";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { api } from "@/lib/client/api";
import { fetchMembers, queryKeys } from "@/lib/client/queries";
import { roleAtLeast } from "@/lib/client/types";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { ConnectionDialog } from "./connection-dialog";
import { callKeys, type ConnectionView, type ExtensionView } from "./telephony-api";
import { useConnections, useExtensions } from "./use-telephony";

const tone = { connected: "success", pending: "neutral", retrying: "warning", error: "warning" } as const;

/** Settings → Telephony: connections (webhook URL, state, test, remove) and each member's extension on them. */
export function TelephonySettings() {
  const t = useTranslations("telephony.settings");
  const me = useMe();
  const canManage = roleAtLeast(me.role, "admin");
  const connections = useConnections();
  const list = connections.data?.connections ?? [];
  return (
    <div className="grid gap-8">
      <SettingsSection
        title={t("title")}
        description={t("description")}
        actions={canManage ? <ConnectionDialog /> : undefined}
      >
        <Card>
          {connections.isPending ? (
            <RowsSkeleton />
          ) : connections.isError ? (
            <LoadError error={connections.error} onRetry={() => void connections.refetch()} />
          ) : list.length === 0 ? (
            <EmptyState icon={PhoneCall} title={t("emptyTitle")} description={t("emptyDescription")} />
          ) : (
            <ul className="divide-y">
              {list.map((c) => (
                <ConnectionRow key={c.id} connection={c} canManage={canManage} />
              ))}
            </ul>
          )}
        </Card>
      </SettingsSection>
      {list.length > 0 && <Extensions connections={list} canManage={canManage} />}
    </div>
  );
}

function ConnectionRow({ connection: c, canManage }: { connection: ConnectionView; canManage: boolean }) {
  const t = useTranslations("telephony.settings");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: callKeys.connections });
  const test = useMutation({
    mutationFn: () =>
      api<{ ok: boolean; error: string | null }>(`/api/telephony/connections/${c.id}/test`, { method: "POST" }),
    onSuccess: (r) => {
      refresh();
      if (r.ok) toast.success(t("testOk"));
      else toast.error(t("testFailed", { message: r.error ?? "" }));
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/telephony/connections/${c.id}`, { method: "DELETE" }),
    onSuccess: refresh,
    onError: (error) => toast.error(errorMessage(error)),
  });
  return (
    <li className="grid gap-3 px-4 py-4" data-testid="telephony-connection">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{c.name}</span>
        <span className="text-xs text-muted-foreground">{t(`kinds.${c.kind}`)}</span>
        <Badge tone={tone[c.state]}>{t(`state.${c.state}`)}</Badge>
        {c.lastEventAt && (
          <span className="text-xs text-muted-foreground">
            {t("lastEvent", { when: format.relativeTime(new Date(c.lastEventAt)) })}
          </span>
        )}
        {canManage && (
          <span className="ml-auto flex gap-1">
            <Button size="sm" variant="outline" onClick={() => test.mutate()} disabled={test.isPending}>
              <PlugZap aria-hidden />
              {t("test")}
            </Button>
            <Button
              size="icon-sm"
              variant="ghost"
              aria-label={t("remove", { name: c.name })}
              onClick={() => window.confirm(t("removeConfirm", { name: c.name })) && remove.mutate()}
            >
              <Trash2 aria-hidden />
            </Button>
          </span>
        )}
      </div>
      {c.lastError && <p className="text-sm text-warning">{c.lastError}</p>}
      {c.webhookUrl && (
        <CopyField
          value={c.webhookUrl}
          label={t("webhookUrl")}
          copyLabel={tCommon("copy")}
          copiedLabel={tCommon("copied")}
          mono
        />
      )}
    </li>
  );
}

function Extensions({ connections, canManage }: { connections: ConnectionView[]; canManage: boolean }) {
  const t = useTranslations("telephony.settings");
  const members = useQuery({ queryKey: queryKeys.members, queryFn: fetchMembers });
  const extensions = useExtensions();
  const byKey = new Map((extensions.data?.extensions ?? []).map((e) => [`${e.connectionId}:${e.userId}`, e]));
  return (
    <SettingsSection title={t("extensionsTitle")} description={t("extensionsDescription")}>
      <Card className="overflow-x-auto">
        {members.isPending || extensions.isPending ? (
          <RowsSkeleton />
        ) : (
          <table className="w-full min-w-[36rem] text-sm">
            <thead className="text-left text-xs text-muted-foreground">
              <tr>
                <th className="px-4 py-2 font-medium">{t("member")}</th>
                <th className="px-2 py-2 font-medium">{t("connection")}</th>
                <th className="px-2 py-2 font-medium">{t("fields.extension")}</th>
                <th className="px-2 py-2 font-medium">{t("fields.managerCode")}</th>
                <th className="px-2 py-2 pr-4 font-medium">{t("fields.phone")}</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {(members.data ?? []).flatMap((m) =>
                connections
                  .filter((c) => c.kind !== "retell")
                  .map((c) => (
                    <ExtensionRow
                      key={`${c.id}:${m.user_id}`}
                      connection={c}
                      userId={m.user_id}
                      name={m.full_name || m.email}
                      current={byKey.get(`${c.id}:${m.user_id}`)}
                      disabled={!canManage}
                    />
                  )),
              )}
            </tbody>
          </table>
        )}
      </Card>
    </SettingsSection>
  );
}

function ExtensionRow(props: {
  connection: ConnectionView;
  userId: string;
  name: string;
  current: ExtensionView | undefined;
  disabled: boolean;
}) {
  const t = useTranslations("telephony.settings");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({
    extension: props.current?.extension ?? "",
    managerCode: props.current?.managerCode ?? "",
    phone: props.current?.phone ?? "",
  });
  const save = useMutation({
    mutationFn: () =>
      api("/api/telephony/extensions", {
        method: "PUT",
        body: { connectionId: props.connection.id, userId: props.userId, ...draft },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: callKeys.extensions });
      toast.success(t("saved"));
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const changed =
    draft.extension !== (props.current?.extension ?? "") ||
    draft.managerCode !== (props.current?.managerCode ?? "") ||
    draft.phone !== (props.current?.phone ?? "");
  const cell = (key: keyof typeof draft, label: string) => (
    <Input
      value={draft[key]}
      disabled={props.disabled}
      aria-label={`${label}: ${props.name}, ${props.connection.name}`}
      onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
      onBlur={() => changed && save.mutate()}
      onKeyDown={(e) => e.key === "Enter" && changed && save.mutate()}
      className="h-8"
    />
  );
  return (
    <tr data-testid="extension-row">
      <td className="px-4 py-2">{props.name}</td>
      <td className="px-2 py-2 text-muted-foreground">{props.connection.name}</td>
      <td className="w-28 px-2 py-2">{cell("extension", t("fields.extension"))}</td>
      <td className="w-32 px-2 py-2">{cell("managerCode", t("fields.managerCode"))}</td>
      <td className="w-44 px-2 py-2 pr-4">{cell("phone", t("fields.phone"))}</td>
    </tr>
  );
}
