"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { cn } from "@/components/ui/cn";
import { saveLocale } from "@/lib/client/locale";
import { locales, type Locale } from "@/lib/i18n/config";

export const localeNames: Record<Locale, string> = { en: "English", ru: "Русский" };

/** EN | RU, for pages without the user menu (sign-in, sign-up, invitations). */
export function LocaleSwitch({ signedIn = false, className }: { signedIn?: boolean; className?: string }) {
  const current = useLocale();
  const router = useRouter();
  const t = useTranslations("shell.user");
  const [pending, startTransition] = useTransition();
  return (
    <div
      role="group"
      aria-label={t("language")}
      className={cn("inline-flex rounded-lg border bg-card p-0.5", className)}
    >
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          title={localeNames[locale]}
          aria-pressed={current === locale}
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              await saveLocale(locale, signedIn);
              router.refresh();
            })
          }
          className={cn(
            "cursor-pointer rounded-md px-2.5 py-1 text-xs font-medium text-muted-foreground uppercase transition-colors hover:text-foreground",
            current === locale && "bg-muted text-foreground",
          )}
        >
          {locale}
        </button>
      ))}
    </div>
  );
}
