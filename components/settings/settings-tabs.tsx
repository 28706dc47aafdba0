"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { cn } from "@/components/ui/cn";

const live = [
  { id: "profile", href: "/settings/profile" },
  { id: "team", href: "/settings/team" },
  { id: "channels", href: "/settings/channels" },
  { id: "ai", href: "/settings/ai" },
  { id: "contacts", href: "/settings/contacts" },
  { id: "canned", href: "/settings/canned" },
  { id: "telephony", href: "/settings/telephony" },
  { id: "integrations", href: "/settings/integrations" },
  { id: "apiKeys", href: "/settings/api-keys" },
] as const;
const soon: readonly ("integrations" | "apiKeys")[] = [];

/** Sections as links (each has its own URL to share); the ones not built yet are listed, marked "soon". */
export function SettingsTabs() {
  const t = useTranslations("settings");
  const tCommon = useTranslations("common");
  // The telephony module names its own tab (its messages live in its own namespace).
  const tTelephony = useTranslations("telephony.settings");
  const pathname = usePathname();
  const nav = useRef<HTMLElement>(null);
  // On a phone the row scrolls sideways: keep the open section's tab in view, not cut off at the edge.
  useEffect(() => {
    nav.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);
  return (
    <nav ref={nav} aria-label={t("tabs.label")} className="mt-6 -mb-px flex gap-1 overflow-x-auto border-b">
      {live.map((tab) => {
        const active = pathname.startsWith(tab.href);
        return (
          <Link
            key={tab.id}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "relative shrink-0 rounded-t-md px-3 pt-1.5 pb-2.5 text-sm text-muted-foreground transition-colors hover:text-foreground",
              active &&
                "font-medium text-foreground after:absolute after:inset-x-2 after:-bottom-px after:h-0.5 after:rounded-full after:bg-primary",
            )}
          >
            {tab.id === "telephony" ? tTelephony("tab") : t(`tabs.${tab.id}`)}
          </Link>
        );
      })}
      {soon.map((id) => (
        <span
          key={id}
          title={t(`soon.${id}`)}
          aria-disabled
          className="flex shrink-0 cursor-default items-center gap-1.5 px-3 pt-1.5 pb-2.5 text-sm text-muted-foreground/60"
        >
          {t(`tabs.${id}`)}
          <span className="rounded-full bg-muted px-1.5 py-px text-[10px] font-medium tracking-wide text-muted-foreground uppercase">
            {tCommon("soon")}
          </span>
        </span>
      ))}
    </nav>
  );
}
