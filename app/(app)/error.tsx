"use client";

import { RotateCw, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** A section that failed to render keeps the shell around it, so the user can retry or go elsewhere. */
export default function SectionError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <div className="mx-auto w-full max-w-5xl px-5 py-16 sm:px-8">
      <EmptyState icon={TriangleAlert} title={t("title")} description={t("body")}>
        <Button variant="outline" onClick={reset}>
          <RotateCw aria-hidden />
          {t("retry")}
        </Button>
      </EmptyState>
    </div>
  );
}
