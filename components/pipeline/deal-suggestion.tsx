"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, Sparkles, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { useAskLostReason } from "./lost-reason";
import { decideSuggestion, type Deal } from "./pipeline-api";

/** "AI suggests: Consultation booked — the client agreed to Thursday 15:00", accepted or dismissed in one click. */
export function DealSuggestion({ deal, lostStage, canWrite }: { deal: Deal; lostStage: boolean; canWrite: boolean }) {
  const t = useTranslations("dealSuggestions");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const askLost = useAskLostReason();
  const decide = useMutation({
    mutationFn: async (action: "accept" | "dismiss") => {
      const reason = action === "accept" && lostStage ? await askLost(deal.title) : undefined;
      if (reason === null) return null;
      return decideSuggestion(deal.suggestion!.id, action, reason);
    },
    onSuccess: (result, action) => {
      if (result) toast.success(action === "accept" ? t("accepted") : t("dismissed"));
    },
    onError: (e) => toast.error(errorMessage(e)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["deals"] }),
  });
  const s = deal.suggestion;
  if (!s) return null;
  return (
    <div
      className="mt-2 rounded-md border border-violet-500/30 bg-violet-500/8 p-2 text-xs"
      data-testid="deal-suggestion"
      onPointerDown={(e) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
    >
      <p className="flex gap-1.5 leading-snug">
        <Sparkles className="mt-0.5 size-3.5 shrink-0 text-violet-600 dark:text-violet-400" aria-hidden />
        <span>
          <span className="font-medium">{t("suggests", { stage: s.toStageName })}</span>
          {s.reason && <span className="text-muted-foreground"> — {s.reason}</span>}
        </span>
      </p>
      {canWrite && (
        <div className="mt-1.5 flex gap-1.5">
          <Button
            size="sm"
            variant="secondary"
            className="h-7 px-2 text-xs"
            loading={decide.isPending && decide.variables === "accept"}
            onClick={() => decide.mutate("accept")}
            data-testid="suggestion-accept"
          >
            <Check aria-hidden />
            {t("accept")}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className="h-7 px-2 text-xs"
            onClick={() => decide.mutate("dismiss")}
            aria-label={t("dismiss")}
          >
            <X aria-hidden />
            {t("dismiss")}
          </Button>
        </div>
      )}
    </div>
  );
}
