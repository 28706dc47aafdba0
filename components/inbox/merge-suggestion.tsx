"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Merge, Users } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { ContactView } from "./inbox-api";

type Suggestion = ContactView["mergeSuggestions"][number];

/** "May be the same person as …": merge the other contact into this one, or say they are different people. */
export function MergeSuggestion({
  contactId,
  suggestion,
  canWrite,
}: {
  contactId: string;
  suggestion: Suggestion;
  canWrite: boolean;
}) {
  const t = useTranslations("inbox.contact.merge");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const settle = () => void queryClient.invalidateQueries({ queryKey: ["conversations"] });
  const merge = useMutation({
    mutationFn: () =>
      api<ContactView>(`/api/contacts/${contactId}/merge`, {
        method: "POST",
        body: { otherContactId: suggestion.otherContactId },
      }),
    onSuccess: () => toast.success(t("merged", { name: suggestion.otherName })),
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: settle,
  });
  const dismiss = useMutation({
    mutationFn: () =>
      api(`/api/contacts/merge-suggestions/${suggestion.id}`, { method: "PATCH", body: { status: "dismissed" } }),
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: settle,
  });
  return (
    <div className="grid gap-2 rounded-md bg-warning/10 px-2.5 py-2 text-xs" data-testid="merge-suggestion">
      <p className="flex items-start gap-2">
        <Users className="mt-px size-3.5 shrink-0 text-warning" aria-hidden />
        {t(suggestion.reason, { name: suggestion.otherName })}
      </p>
      {canWrite && (
        <div className="flex gap-1.5 pl-5">
          <Button
            size="sm"
            variant="outline"
            className="h-7 px-2 text-xs"
            loading={merge.isPending}
            onClick={() => merge.mutate()}
          >
            {!merge.isPending && <Merge aria-hidden />}
            {t("merge")}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className="h-7 px-2 text-xs"
            loading={dismiss.isPending}
            onClick={() => dismiss.mutate()}
          >
            {t("dismiss")}
          </Button>
        </div>
      )}
    </div>
  );
}
