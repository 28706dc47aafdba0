"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useErrorMessage } from "@/lib/client/use-error-message";

/** Rows of grey while a list loads, shaped like the rows that will replace them. */
export function RowsSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div className="divide-y" aria-hidden>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex items-center gap-3 px-4 py-3.5">
          <Skeleton className="size-8 rounded-full" />
          <div className="grid flex-1 gap-1.5">
            <Skeleton className="h-3.5 w-40" />
            <Skeleton className="h-3 w-56" />
          </div>
          <Skeleton className="h-8 w-32" />
        </div>
      ))}
    </div>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useTranslations("errors");
  const tCommon = useTranslations("common");
  const errorMessage = useErrorMessage();
  return (
    <div role="alert" className="flex flex-wrap items-center justify-between gap-3 px-4 py-6 text-sm">
      <span className="text-destructive">{t("loadFailed", { message: errorMessage(error) })}</span>
      <Button size="sm" variant="outline" onClick={onRetry}>
        {tCommon("retry")}
      </Button>
    </div>
  );
}
