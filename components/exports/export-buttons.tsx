"use client";

import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { BackgroundExport, type ExportKind } from "./background-export";

/**
 * A list's two exports side by side: the streamed CSV (a plain download link) and "Export in background" for
 * the same URL. `addon` sits joined to the right of the download button (a filter that only the export has).
 */
export function ExportButtons({
  kind,
  href,
  label,
  title,
  testId = "export-csv",
  addon,
}: {
  kind: ExportKind;
  href: string;
  label?: string;
  title?: string;
  testId?: string;
  addon?: ReactNode;
}) {
  const t = useTranslations("exports");
  return (
    <>
      <span className="flex items-center">
        <Button variant="outline" size="sm" asChild className={cn(addon && "rounded-r-none")}>
          <a href={href} download title={title} data-testid={testId}>
            <Download aria-hidden />
            {label ?? t("csv")}
          </a>
        </Button>
        {addon}
      </span>
      <BackgroundExport kind={kind} href={href} />
    </>
  );
}

/** The separator a spreadsheet in this language expects: Excel in Russian reads `;` (a decimal comma). */
export const csvDelimiterFor = (locale: string) => (locale === "ru" ? ";" : ",");
