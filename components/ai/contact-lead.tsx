"use client";

import { ArrowUpRight, Sparkles } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { InterestChip, OfflineBadge } from "@/components/leads/lead-badges";
import { useContactLead } from "@/components/leads/use-leads";
import { Skeleton } from "@/components/ui/skeleton";

/** The contact panel's lead: score, interest and stage, linking to its analysis on the Leads page. */
export function ContactLead({ contactId }: { contactId: string }) {
  const t = useTranslations("ai.contactLead");
  const tStage = useTranslations("leads.stages");
  const lead = useContactLead(contactId);
  if (lead.isPending) return <Skeleton className="h-16" />;
  if (!lead.data || lead.data.score === null)
    return (
      <div className="flex gap-3 rounded-lg border border-dashed bg-muted/30 p-3">
        <Sparkles className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden />
        <div>
          <p className="text-[13px] font-medium">{t("title")}</p>
          <p className="text-xs text-muted-foreground">{t("none")}</p>
        </div>
      </div>
    );
  const l = lead.data;
  return (
    <Link
      href={`/leads?lead=${l.id}`}
      className="group flex items-center gap-3 rounded-lg border bg-card p-3 shadow-xs transition-colors hover:bg-muted/40"
      data-testid="contact-lead"
    >
      <span className="flex size-11 shrink-0 flex-col items-center justify-center rounded-xl bg-accent">
        <span className="text-base leading-none font-semibold tabular-nums">{l.score}</span>
        <span className="text-[9px] text-muted-foreground">/100</span>
      </span>
      <span className="min-w-0 flex-1">
        <span className="flex flex-wrap items-center gap-1.5">
          <InterestChip level={l.interestLevel} />
          {l.engine === "offline" && <OfflineBadge />}
        </span>
        <span className="mt-1 block truncate text-xs text-muted-foreground">
          {l.funnelStage ? tStage(l.funnelStage as never) : t("noStage")}
        </span>
      </span>
      <ArrowUpRight
        className="size-4 shrink-0 text-muted-foreground transition-colors group-hover:text-foreground"
        aria-label={t("open")}
      />
    </Link>
  );
}
