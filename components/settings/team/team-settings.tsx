"use client";

import { Info } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMe } from "@/components/shell/use-me";
import { roleAtLeast } from "@/lib/client/types";
import { LiveBadge } from "../live-badge";
import { SettingsSection } from "../section";
import { InvitationsList } from "./invitations-list";
import { InviteForm } from "./invite-form";
import { MembersTable, useMembers } from "./members-table";

export function TeamSettings() {
  const me = useMe();
  const t = useTranslations("settings.team");
  const members = useMembers();
  const canManage = roleAtLeast(me.role, "admin");

  return (
    <div className="grid gap-10">
      {canManage && (
        <SettingsSection id="invite" title={t("inviteTitle")} description={t("inviteDescription")}>
          <InviteForm />
        </SettingsSection>
      )}
      <SettingsSection
        id="members"
        title={
          <span className="flex items-center gap-3">
            {t("membersTitle")}
            <LiveBadge />
          </span>
        }
        description={
          members.data ? t("membersDescription", { count: members.data.length, org: me.organization.name }) : " "
        }
      >
        {!canManage && (
          <p className="flex items-center gap-2 rounded-lg border bg-muted/40 px-3 py-2 text-sm text-muted-foreground">
            <Info className="size-4 shrink-0" aria-hidden />
            {t("readOnly")}
          </p>
        )}
        <MembersTable />
      </SettingsSection>
      {canManage && (
        <SettingsSection id="pending" title={t("pendingTitle")}>
          <InvitationsList />
        </SettingsSection>
      )}
    </div>
  );
}
