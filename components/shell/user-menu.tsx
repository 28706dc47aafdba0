"use client";

import { ChevronsUpDown, Keyboard, Languages, LogOut, Monitor, Moon, Sun, UserRound } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { Avatar } from "@/components/ui/avatar";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Kbd } from "@/components/ui/kbd";
import { api } from "@/lib/client/api";
import { saveLocale } from "@/lib/client/locale";
import { forgetSession, hardNavigate } from "@/lib/client/session";
import { isLocale, locales } from "@/lib/i18n/config";
import { localeNames } from "./locale-switch";
import { useTheme, type Theme } from "./theme";
import { useMe } from "./use-me";

const themes: { id: Theme; icon: typeof Sun }[] = [
  { id: "light", icon: Sun },
  { id: "dark", icon: Moon },
  { id: "system", icon: Monitor },
];

export async function signOut() {
  await api("/api/auth/signout", { method: "POST", session: false }).catch(() => undefined);
  forgetSession();
  hardNavigate("/sign-in");
}

export function UserMenu({ onShortcuts }: { onShortcuts: () => void }) {
  const me = useMe();
  const t = useTranslations("shell.user");
  const { theme, setTheme } = useTheme();
  const locale = useLocale();
  const router = useRouter();
  const [, startTransition] = useTransition();
  const name = me.user?.full_name || me.user?.email || "";

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex w-full cursor-pointer items-center gap-2.5 rounded-lg p-1.5 text-left transition-colors hover:bg-sidebar-active/60 data-[state=open]:bg-sidebar-active"
        aria-label={t("menu")}
        data-testid="user-menu"
      >
        <Avatar name={name} seed={me.user?.id} />
        <span className="grid min-w-0 flex-1 leading-tight">
          <span className="truncate text-sm font-medium text-foreground">{name}</span>
          <span className="truncate text-xs text-muted-foreground">{me.user?.email}</span>
        </span>
        <ChevronsUpDown className="size-4 shrink-0 text-muted-foreground" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent side="top" align="start" className="w-64">
        <DropdownMenuItem asChild>
          <Link href="/settings/profile">
            <UserRound aria-hidden />
            {t("profile")}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={onShortcuts}>
          <Keyboard aria-hidden />
          {t("shortcuts")}
          <Kbd className="ml-auto">?</Kbd>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>{t("theme")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={theme} onValueChange={(value) => setTheme(value as Theme)}>
          {themes.map(({ id, icon: Icon }) => (
            <DropdownMenuRadioItem key={id} value={id} onSelect={(e) => e.preventDefault()}>
              <Icon aria-hidden />
              {t(id)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuLabel className="flex items-center gap-1.5">
          <Languages className="size-3.5" aria-hidden />
          {t("language")}
        </DropdownMenuLabel>
        <DropdownMenuGroup>
          <DropdownMenuRadioGroup
            value={locale}
            onValueChange={(value) => {
              if (!isLocale(value) || value === locale) return;
              startTransition(async () => {
                await saveLocale(value, true);
                router.refresh();
              });
            }}
          >
            {locales.map((l) => (
              <DropdownMenuRadioItem key={l} value={l} lang={l}>
                {localeNames[l]}
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
        </DropdownMenuGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void signOut()}>
          <LogOut aria-hidden />
          {t("signOut")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
