"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { AlertTriangle, ArrowUpRight, Lightbulb, X } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { ChannelIcon } from "@/components/channels/channel-icon";
import { LoadError } from "@/components/settings/query-state";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { ChannelType } from "@/lib/channels/types";
import { InterestChip, OfflineBadge } from "./lead-badges";
import { LeadDetails } from "./lead-details";
import { leadSummary } from "./lead-summary";
import { SpamBadge } from "./spam-badge";
import { LeadTranscript } from "./lead-transcript";
import type { Lead } from "./leads-api";
import { useLead } from "./use-leads";
import { useMe } from "@/components/shell/use-me";
import { roleAtLeast } from "@/lib/client/types";

function Header({ lead }: { lead: Lead }) {
  const t = useTranslations("leads.drawer");
  return (
    <div className="flex items-start gap-4 border-b px-5 pt-5 pb-4">
      <div className="flex size-14 shrink-0 flex-col items-center justify-center rounded-2xl border bg-card shadow-xs">
        <span className="text-xl leading-none font-semibold tabular-nums" data-testid="drawer-score">
          {lead.score ?? "—"}
        </span>
        <span className="mt-0.5 text-[10px] text-muted-foreground">{t("outOf")}</span>
      </div>
      <div className="min-w-0 flex-1">
        <DialogPrimitive.Title className="truncate text-base font-semibold" data-testid="drawer-title">
          {lead.name ?? lead.contactName}
        </DialogPrimitive.Title>
        <DialogPrimitive.Description className="mt-0.5 flex items-center gap-1.5 text-xs text-muted-foreground">
          {lead.channelType && <ChannelIcon type={lead.channelType as ChannelType} className="size-3.5" />}
          <span className="truncate">{lead.instanceName ?? lead.contactName}</span>
        </DialogPrimitive.Description>
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          <InterestChip level={lead.interestLevel} />
          {lead.engine === "offline" && <OfflineBadge />}
          {lead.engine === "openai" && lead.model && (
            <span className="rounded-md bg-muted px-1.5 py-px text-[10px] text-muted-foreground">{lead.model}</span>
          )}
        </div>
      </div>
      <DialogPrimitive.Close asChild>
        <Button variant="ghost" size="icon-sm" aria-label={t("close")} className="-mt-1 -mr-2">
          <X aria-hidden />
        </Button>
      </DialogPrimitive.Close>
    </div>
  );
}

/** The analysis of one lead beside the table: summary, next step, facts, answers, score breakdown, dialog. */
export function LeadDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useTranslations("leads.drawer");
  const query = useLead(id);
  const lead = query.data?.lead;
  const locale = useLocale() === "ru" ? "ru" : "en";
  const summary = lead ? leadSummary(lead, locale) : { summary: null, nextBestAction: null };
  const canWrite = roleAtLeast(useMe().role, "agent");
  return (
    <DialogPrimitive.Root open={Boolean(id)} onOpenChange={(open) => !open && onClose()}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-black/25 data-[state=open]:animate-in" />
        <DialogPrimitive.Content
          className="fixed inset-y-0 right-0 z-50 flex w-[min(560px,100vw)] flex-col border-l bg-background shadow-2xl outline-none data-[state=open]:animate-in"
          data-testid="lead-drawer"
          aria-describedby={undefined}
        >
          {!lead ? (
            query.isError ? (
              <>
                <DialogPrimitive.Title className="sr-only">{t("title")}</DialogPrimitive.Title>
                <LoadError error={query.error} onRetry={() => void query.refetch()} />
              </>
            ) : (
              <div className="grid gap-4 p-5" aria-busy>
                <DialogPrimitive.Title className="sr-only">{t("title")}</DialogPrimitive.Title>
                <div className="flex gap-4">
                  <Skeleton className="size-14 rounded-2xl" />
                  <div className="grid flex-1 gap-2">
                    <Skeleton className="h-4 w-40" />
                    <Skeleton className="h-3 w-24" />
                  </div>
                </div>
                <Skeleton className="h-20" />
                <Skeleton className="h-40" />
              </div>
            )
          ) : (
            <>
              <Header lead={lead} />
              <div className="min-h-0 flex-1 overflow-y-auto">
                {lead.lastError && (
                  <p className="mx-5 mt-4 flex gap-2 rounded-lg bg-destructive/8 px-3 py-2 text-xs text-destructive">
                    <AlertTriangle className="mt-px size-3.5 shrink-0" aria-hidden />
                    {t("lastError", { error: lead.lastError })}
                  </p>
                )}
                <section className="grid gap-3 px-5 pt-4">
                  {lead.isSpam && <SpamBadge />}
                  {summary.summary && (
                    <p className="text-sm leading-relaxed" data-testid="lead-summary">
                      {summary.summary}
                    </p>
                  )}
                  {summary.nextBestAction && (
                    <div className="flex gap-2.5 rounded-xl border border-primary/25 bg-accent/60 px-3.5 py-3">
                      <Lightbulb className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden />
                      <div>
                        <p className="text-[11px] font-semibold tracking-wide text-accent-foreground/80 uppercase">
                          {t("nextBestAction")}
                        </p>
                        <p className="text-sm" data-testid="next-best-action">
                          {summary.nextBestAction}
                        </p>
                      </div>
                    </div>
                  )}
                </section>
                <LeadDetails lead={lead} canWrite={canWrite} />
                <LeadTranscript lines={query.data?.transcript ?? []} />
              </div>
              {lead.conversationId && (
                <div className="flex justify-end border-t px-5 py-3">
                  <Button asChild size="sm">
                    <Link href={`/inbox?c=${lead.conversationId}`}>
                      {t("openConversation")}
                      <ArrowUpRight aria-hidden />
                    </Link>
                  </Button>
                </div>
              )}
            </>
          )}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
