"use client";

import { useQuery } from "@tanstack/react-query";
import { Lock, ShoppingBag } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { Card, SettingsSection } from "@/components/settings/section";
import { useMe } from "@/components/shell/use-me";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { roleAtLeast } from "@/lib/client/types";
import { ConnectionForm } from "./connection-form";
import { ManagerMapping, StatusMapping } from "./mapping";
import { fetchConnection, healthTone, retailcrmKeys, type ConnectionView } from "./retailcrm-api";
import { HealthBanner, ModulePanel, SyncPanel } from "./sync-panel";
import { SyncLog } from "./sync-log";

/** Settings → Integrations → RetailCRM (admins): connect, test, map, register the telephony module, sync. */
export function RetailcrmSettings() {
  const t = useTranslations("retailcrm");
  const me = useMe();
  const canManage = roleAtLeast(me.role, "admin");
  // Polled fast while a sync runs (its progress and outcome land on the connection), slowly otherwise.
  const [watching, setWatching] = useState(false);
  const connection = useQuery({
    queryKey: retailcrmKeys.connection,
    queryFn: ({ signal }) => fetchConnection(signal),
    enabled: canManage,
    refetchInterval: (q) => (watching || (q.state.data?.connection?.activeJobs.length ?? 0) > 0 ? 1500 : 15_000),
  });
  if (!canManage)
    return (
      <SettingsSection title={t("title")} description={t("description")}>
        <Card>
          <EmptyState icon={Lock} title={t("adminsOnlyTitle")} description={t("adminsOnly")} />
        </Card>
      </SettingsSection>
    );
  const view = connection.data?.connection ?? null;
  return (
    <div className="grid gap-8" data-testid="retailcrm-settings">
      <SettingsSection
        id="retailcrm-connection"
        title={
          <span className="flex items-center gap-2">
            {t("title")}
            {view && (
              <Badge tone={healthTone[view.status]} data-testid="retailcrm-status">
                {t(`status.${view.status}`)}
              </Badge>
            )}
          </span>
        }
        description={t("description")}
      >
        {connection.isPending ? (
          <Card>
            <RowsSkeleton rows={2} />
          </Card>
        ) : connection.isError ? (
          <Card>
            <LoadError error={connection.error} onRetry={() => void connection.refetch()} />
          </Card>
        ) : (
          <>
            {!view && (
              <Card>
                <EmptyState icon={ShoppingBag} title={t("emptyTitle")} description={t("emptyDescription")} />
              </Card>
            )}
            {view && <HealthBanner view={view} />}
            <ConnectionForm view={view} />
          </>
        )}
      </SettingsSection>
      {view && <Connected view={view} onWatch={setWatching} />}
    </div>
  );
}

function Connected({ view, onWatch }: { view: ConnectionView; onWatch: (on: boolean) => void }) {
  return (
    <>
      <SyncPanel view={view} onWatch={onWatch} />
      <ManagerMapping view={view} />
      <StatusMapping view={view} />
      <ModulePanel view={view} />
      <SyncLog />
    </>
  );
}
