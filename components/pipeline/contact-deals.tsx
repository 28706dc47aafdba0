"use client";

import { useQuery } from "@tanstack/react-query";
import { Handshake, Plus } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CreateDealDialog } from "./create-deal-dialog";
import { formatAmount } from "./deal-card";
import { fetchContactDeals, pipelineKeys } from "./pipeline-api";

/** The inbox contact panel's deals: the client's deals (each opens on the board) and "Create deal". */
export function ContactDeals({
  contactId,
  contactName,
  canWrite,
}: {
  contactId: string;
  contactName: string;
  canWrite: boolean;
}) {
  const t = useTranslations("dealDrawer.contact");
  const format = useFormatter();
  const [open, setOpen] = useState(false);
  const deals = useQuery({
    queryKey: pipelineKeys.contactDeals(contactId),
    queryFn: ({ signal }) => fetchContactDeals(contactId, signal),
  });
  return (
    <div className="grid gap-2" data-testid="contact-deals">
      {(deals.data?.deals ?? []).map((d) => (
        <Link
          key={d.id}
          href={`/pipeline?deal=${d.id}`}
          className="flex items-center gap-2 rounded-lg border bg-card px-3 py-2 text-[13px] hover:border-primary/40"
        >
          <Handshake className="size-4 shrink-0 text-primary" aria-hidden />
          <span className="min-w-0 flex-1 truncate font-medium">{d.title}</span>
          {d.amount && (
            <span className="text-xs tabular-nums text-muted-foreground">
              {formatAmount(format, d.amount, d.currency)}
            </span>
          )}
        </Link>
      ))}
      {deals.data && !deals.data.deals.length && <p className="text-xs text-muted-foreground">{t("none")}</p>}
      {canWrite && (
        <Button variant="outline" size="sm" onClick={() => setOpen(true)} data-testid="contact-create-deal">
          <Plus aria-hidden />
          {t("create")}
        </Button>
      )}
      <CreateDealDialog open={open} onOpenChange={setOpen} contactId={contactId} defaultTitle={contactName} />
    </div>
  );
}
