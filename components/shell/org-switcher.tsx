"use client";

import { ChevronsUpDown, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Avatar } from "@/components/ui/avatar";
import {
  DropdownMenu,
  DropdownMenuCheckItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { CreateOrgDialog } from "./create-org-dialog";
import { useMe } from "./use-me";
import { useOrgActions } from "./use-org-actions";

export function OrgSwitcher() {
  const me = useMe();
  const t = useTranslations("shell.org");
  const tRoles = useTranslations("roles");
  const errorMessage = useErrorMessage();
  const { switchTo } = useOrgActions();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger
          className="flex w-full cursor-pointer items-center gap-2.5 rounded-lg p-1.5 text-left transition-colors hover:bg-sidebar-active/60 data-[state=open]:bg-sidebar-active"
          aria-label={t("switch")}
          data-testid="org-switcher"
        >
          <Avatar name={me.organization.name} seed={me.organization.id} square />
          <span className="grid min-w-0 flex-1 leading-tight">
            <span className="truncate text-sm font-semibold text-foreground">{me.organization.name}</span>
            <span className="truncate text-xs text-muted-foreground">{tRoles(me.role)}</span>
          </span>
          <ChevronsUpDown className="size-4 shrink-0 text-muted-foreground" aria-hidden />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          <DropdownMenuLabel>{t("organizations")}</DropdownMenuLabel>
          {me.organizations.map((org) => (
            <DropdownMenuCheckItem
              key={org.id}
              checked={org.id === me.organization.id}
              onSelect={async () => {
                if (org.id === me.organization.id) return;
                try {
                  await switchTo(org.id);
                  toast.success(t("switched", { name: org.name }));
                } catch (error) {
                  toast.error(errorMessage(error));
                }
              }}
            >
              <Avatar name={org.name} seed={org.id} square className="size-6 text-[10px]" />
              <span className="grid min-w-0 leading-tight">
                <span className="truncate">{org.name}</span>
                <span className="text-xs text-muted-foreground">{tRoles(org.role)}</span>
              </span>
            </DropdownMenuCheckItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus aria-hidden />
            {t("create")}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateOrgDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
