"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { GitMerge, Users } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { Card } from "@/components/settings/section";
import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { api } from "@/lib/client/api";
import { roleAtLeast } from "@/lib/client/types";
import { contactKeys, type MergeSuggestion } from "./contacts-api";

/** The inbox's merge suggestions: two contacts that look like one person; merge (keep the older) or dismiss. */
export function MergeSuggestions() {
  const t = useTranslations("contactsPage.merge");
  const me = useMe();
  const canWrite = roleAtLeast(me.role, "agent");
  const client = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: contactKeys.merges,
    queryFn: ({ pageParam, signal }) =>
      api<{ suggestions: MergeSuggestion[]; nextCursor: string | null }>(
        `/api/crm/merge-suggestions?limit=20${pageParam ? `&cursor=${pageParam}` : ""}`,
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const done = () => void client.invalidateQueries({ queryKey: ["contacts"] });
  const merge = useMutation({
    mutationFn: (s: MergeSuggestion) =>
      api(`/api/contacts/${s.contact.id}/merge`, { method: "POST", body: { otherContactId: s.other.id } }),
    onSuccess: () => {
      toast.success(t("merged"));
      done();
    },
    onError: (error: Error) => toast.error(error.message),
  });
  const dismiss = useMutation({
    mutationFn: (s: MergeSuggestion) =>
      api(`/api/contacts/merge-suggestions/${s.id}`, { method: "PATCH", body: { status: "dismissed" } }),
    onSuccess: done,
    onError: (error: Error) => toast.error(error.message),
  });
  const rows = list.data?.pages.flatMap((p) => p.suggestions) ?? [];
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <Card>
        {list.isPending ? (
          <RowsSkeleton rows={3} />
        ) : list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState icon={Users} title={t("emptyTitle")} description={t("emptyBody")} className="py-14" />
        ) : (
          <ul className="divide-y" data-testid="merge-list">
            {rows.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                <div className="min-w-0 flex-1">
                  <Link href={`/contacts/${s.contact.id}`} className="font-medium hover:underline">
                    {s.contact.name || "—"}
                  </Link>
                  <span className="mx-2 text-muted-foreground">⇄</span>
                  <Link href={`/contacts/${s.other.id}`} className="font-medium hover:underline">
                    {s.other.name || "—"}
                  </Link>
                  <p className="text-xs text-muted-foreground">
                    {t(`reason.${s.reason}`)} {s.contact.phone ?? s.other.phone ?? ""}
                  </p>
                </div>
                {canWrite && (
                  <div className="flex gap-2">
                    <Button size="sm" variant="ghost" onClick={() => dismiss.mutate(s)} disabled={dismiss.isPending}>
                      {t("dismiss")}
                    </Button>
                    <Button
                      size="sm"
                      onClick={() => merge.mutate(s)}
                      loading={merge.isPending && merge.variables?.id === s.id}
                    >
                      <GitMerge aria-hidden />
                      {t("merge")}
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {list.hasNextPage && (
        <Button variant="outline" className="justify-self-center" onClick={() => void list.fetchNextPage()}>
          {t("more")}
        </Button>
      )}
    </>
  );
}
