"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/queries";
import { expectOrgChange } from "./use-me";

/**
 * Switching or creating an organisation re-issues the session for it. Everything cached belongs to the old
 * one, so it is dropped (not shown stale), "me" is refetched and server-rendered parts are rendered again.
 */
export function useOrgActions() {
  const queryClient = useQueryClient();
  const router = useRouter();

  const afterChange = async () => {
    expectOrgChange();
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
    await queryClient.invalidateQueries({ queryKey: queryKeys.me });
    router.refresh();
  };

  return {
    switchTo: async (orgId: string) => {
      await api("/api/orgs/switch", { method: "POST", body: { orgId } });
      await afterChange();
    },
    create: async (name: string) => {
      await api("/api/orgs", { method: "POST", body: { name } });
      await afterChange();
    },
  };
}
