"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { UserMinus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { useMe } from "@/components/shell/use-me";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { api } from "@/lib/client/api";
import { fetchMembers, queryKeys } from "@/lib/client/queries";
import { roleAtLeast, roles, type Member, type Role } from "@/lib/client/types";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { LoadError, RowsSkeleton } from "../query-state";
import { RoleSelect } from "../role-select";
import { Card } from "../section";
import { useDates } from "../use-dates";

const displayName = (m: Member) => m.full_name || m.email;

export function useMembers() {
  return useQuery({ queryKey: queryKeys.members, queryFn: fetchMembers });
}

export function MembersTable() {
  const me = useMe();
  const t = useTranslations("settings.team");
  const tRoles = useTranslations("roles");
  const tCommon = useTranslations("common");
  const errorMessage = useErrorMessage();
  const dates = useDates();
  const queryClient = useQueryClient();
  const members = useMembers();
  const [removing, setRemoving] = useState<Member>();

  const canManage = roleAtLeast(me.role, "admin");
  const isOwner = me.role === "owner";

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: Member; role: Role }) =>
      api(`/api/team/members/${member.user_id}`, { method: "PATCH", body: { role } }),
    // The select moves at once; a refusal from the server puts it back.
    onMutate: async ({ member, role }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.members });
      const previous = queryClient.getQueryData<Member[]>(queryKeys.members);
      queryClient.setQueryData<Member[]>(queryKeys.members, (list) =>
        list?.map((m) => (m.user_id === member.user_id ? { ...m, role } : m)),
      );
      return { previous };
    },
    onError: (error, _vars, context) => {
      queryClient.setQueryData(queryKeys.members, context?.previous);
      toast.error(errorMessage(error));
    },
    onSuccess: (_data, { member, role }) =>
      toast.success(t("roleChanged", { name: displayName(member), role: tRoles(role) })),
    onSettled: (_data, _error, { member }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.members });
      if (member.user_id === me.user?.id) void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });

  const remove = useMutation({
    mutationFn: (member: Member) => api(`/api/team/members/${member.user_id}`, { method: "DELETE" }),
    onSuccess: (_data, member) => {
      queryClient.setQueryData<Member[]>(queryKeys.members, (list) =>
        list?.filter((m) => m.user_id !== member.user_id),
      );
      toast.success(t("removed", { name: displayName(member) }));
      setRemoving(undefined);
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.members }),
  });

  if (members.isPending)
    return (
      <Card>
        <RowsSkeleton />
      </Card>
    );
  if (members.isError)
    return (
      <Card>
        <LoadError error={members.error} onRetry={() => void members.refetch()} />
      </Card>
    );

  return (
    <Card>
      <table className="w-full text-sm" data-testid="members-table">
        <thead className="border-b bg-muted/40 text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">
              {t("member")}
            </th>
            <th scope="col" className="w-48 px-4 py-2.5 font-medium">
              {t("role")}
            </th>
            <th scope="col" className="hidden w-36 px-4 py-2.5 font-medium sm:table-cell">
              {t("joined")}
            </th>
            <th scope="col" className="w-14 px-4 py-2.5">
              <span className="sr-only">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {members.data.map((member) => {
            const self = member.user_id === me.user?.id;
            // Only owners touch owners; the database enforces it, the UI just does not offer it.
            const locked = !canManage || (member.role === "owner" && !isOwner);
            const name = displayName(member);
            return (
              <tr
                key={member.user_id}
                data-testid={`member-${member.email}`}
                className="transition-colors hover:bg-muted/30"
              >
                <td className="px-4 py-3">
                  <div className="flex items-center gap-3">
                    <Avatar name={name} seed={member.user_id} />
                    <div className="min-w-0">
                      <p className="flex items-center gap-2 truncate font-medium">
                        {name}
                        {self && <Badge>{tCommon("you")}</Badge>}
                      </p>
                      <p className="truncate text-xs text-muted-foreground">{member.email}</p>
                    </div>
                  </div>
                </td>
                <td className="px-4 py-3">
                  <RoleSelect
                    value={member.role}
                    roles={roles}
                    lockedRoles={isOwner ? [] : ["owner"]}
                    disabled={locked || changeRole.isPending}
                    label={t("roleOf", { name })}
                    onChange={(role) => role !== member.role && changeRole.mutate({ member, role })}
                    className="h-8"
                  />
                </td>
                <td className="hidden px-4 py-3 text-muted-foreground sm:table-cell">
                  {dates.date(member.created_at)}
                </td>
                <td className="px-4 py-3 text-right">
                  {!locked && !self && (
                    <Button
                      variant="ghost"
                      size="icon-sm"
                      aria-label={t("removeLabel", { name })}
                      title={t("remove")}
                      onClick={() => setRemoving(member)}
                      className="text-muted-foreground hover:text-destructive"
                    >
                      <UserMinus aria-hidden />
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ConfirmDialog
        open={!!removing}
        onOpenChange={(open) => !open && setRemoving(undefined)}
        title={removing ? t("removeTitle", { name: displayName(removing), org: me.organization.name }) : ""}
        description={t("removeBody")}
        confirmLabel={t("removeConfirm")}
        cancelLabel={tCommon("cancel")}
        pending={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
      />
    </Card>
  );
}
