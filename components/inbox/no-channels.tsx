"use client";

import { ArrowRight, CheckCircle2, Inbox } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { ChannelIcon } from "@/components/channels/channel-icon";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** Before the first channel: what the inbox will do, and the way to Settings → Channels. */
export function NoChannels({ canManage }: { canManage: boolean }) {
  const t = useTranslations("pages");
  const tNav = useTranslations("nav");
  const tInbox = useTranslations("inbox.noChannels");
  const features = (["f1", "f2", "f3"] as const).map((f) => t(`inbox.${f}`));
  return (
    <div className="mx-auto w-full max-w-5xl px-5 py-8 sm:px-8" data-testid="inbox-no-channels">
      <PageHeader title={tNav("inbox")} subtitle={t("inbox.subtitle")} />
      <section className="mt-8 overflow-hidden rounded-xl border bg-card shadow-xs">
        <EmptyState icon={Inbox} title={t("inbox.emptyTitle")} description={t("inbox.emptyBody")}>
          <div className="mb-6 flex flex-col items-center gap-4">
            <div className="flex items-center gap-2" aria-hidden>
              <ChannelIcon type="telegram" className="size-8" />
              <ChannelIcon type="whatsapp_cloud" className="size-8" />
              <ChannelIcon type="instagram" className="size-8" />
            </div>
            {canManage ? (
              <Button asChild>
                <Link href="/settings/channels">
                  {tInbox("connect")}
                  <ArrowRight aria-hidden />
                </Link>
              </Button>
            ) : (
              <p className="text-sm text-muted-foreground">{tInbox("askAdmin")}</p>
            )}
          </div>
          <ul className="grid gap-2 text-left sm:grid-cols-3">
            {features.map((feature) => (
              <li
                key={feature}
                className="flex gap-2.5 rounded-lg border bg-background/60 p-3 text-[13px] leading-snug"
              >
                <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden />
                <span>{feature}</span>
              </li>
            ))}
          </ul>
        </EmptyState>
      </section>
    </div>
  );
}
