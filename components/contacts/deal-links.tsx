"use client";

import Link from "next/link";
import { useFormatter } from "next-intl";
import { formatAmount } from "@/components/pipeline/deal-card";

/** A contact's or company's deals, each opening its drawer on the pipeline page. */
export function DealLinks({
  deals,
  empty,
}: {
  deals: { id: string; title: string; amount: string | null; currency: string }[];
  empty: string;
}) {
  const format = useFormatter();
  if (deals.length === 0) return <p className="text-sm text-muted-foreground">{empty}</p>;
  return (
    <ul className="divide-y">
      {deals.map((d) => (
        <li key={d.id}>
          <Link
            href={`/pipeline?deal=${d.id}`}
            className="flex items-center justify-between gap-3 py-2 text-sm hover:bg-muted/40"
          >
            <span className="truncate font-medium">{d.title}</span>
            <span className="shrink-0 text-muted-foreground tabular-nums">
              {d.amount ? formatAmount(format, d.amount, d.currency) : "—"}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
