import { ArrowRight, CheckCircle2, UserPlus } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { navIcon, type NavKey } from "./nav-items";
import { PageHeader } from "./page-header";

type Section = Exclude<NavKey, "settings">;

/** A section that is not built yet: says plainly what will be here, so the sidebar is a roadmap, not a dead end. */
export async function ComingSoonPage({ section }: { section: Section }) {
  const t = await getTranslations("pages");
  const tNav = await getTranslations("nav");
  const Icon = navIcon(section);
  const features = (["f1", "f2", "f3"] as const).map((f) => t(`${section}.${f}`));

  return (
    <div className="mx-auto w-full max-w-5xl px-5 py-8 sm:px-8">
      <PageHeader
        title={tNav(section)}
        subtitle={t(`${section}.subtitle`)}
        badge={<Badge tone="primary">{t("badge")}</Badge>}
      />
      <section className="mt-8 overflow-hidden rounded-xl border bg-card shadow-xs">
        <EmptyState icon={Icon} title={t(`${section}.emptyTitle`)} description={t(`${section}.emptyBody`)}>
          <h3 className="mb-3 text-xs font-medium tracking-wide text-muted-foreground uppercase">{t("whatsComing")}</h3>
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
        <div className="flex flex-col items-start justify-between gap-3 border-t bg-muted/40 px-6 py-4 sm:flex-row sm:items-center">
          <p className="text-sm text-muted-foreground">{t("meanwhile")}</p>
          <Button asChild variant="outline" size="sm">
            <Link href="/settings/team">
              <UserPlus aria-hidden />
              {t("inviteTeam")}
              <ArrowRight aria-hidden />
            </Link>
          </Button>
        </div>
      </section>
    </div>
  );
}
