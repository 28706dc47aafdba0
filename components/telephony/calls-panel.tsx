"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Phone } from "lucide-react";
import { PanelHeading } from "@/components/ui/panel-heading";
import { Skeleton } from "@/components/ui/skeleton";
import { CallDrawer } from "./call-drawer";
import { CallList } from "./call-list";
import { NO_FILTERS } from "./telephony-api";
import { useCalls } from "./use-calls";

/** A contact's or deal's calls, newest first, for their card's timeline; a call opens in the drawer. */
export function CallsPanel({
  contactId,
  dealId,
  prominent,
}: {
  contactId?: string;
  dealId?: string;
  /** A card of its own (the contact page), not a part of a side panel. */
  prominent?: boolean;
}) {
  const t = useTranslations("calls");
  const scope: Record<string, string> = {};
  if (contactId) scope.contact = contactId;
  if (dealId) scope.deal = dealId;
  const calls = useCalls(NO_FILTERS, scope);
  const [open, setOpen] = useState<string | null>(null);
  const rows = calls.data?.pages.flatMap((p) => p.calls).slice(0, 10) ?? [];
  return (
    <section className="grid gap-2" data-testid="calls-panel">
      <PanelHeading icon={Phone} prominent={prominent}>
        {t("panel.title")}
      </PanelHeading>
      {calls.isPending ? (
        <Skeleton className="h-12" />
      ) : rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("panel.empty")}</p>
      ) : (
        <div className="overflow-hidden rounded-lg border">
          <CallList calls={rows} onOpen={setOpen} compact />
        </div>
      )}
      <CallDrawer id={open} onClose={() => setOpen(null)} />
    </section>
  );
}
