"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Monitor, Moon, Sun } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { localeNames } from "@/components/shell/locale-switch";
import { useTheme, type Theme } from "@/components/shell/theme";
import { useMe } from "@/components/shell/use-me";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Field, Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { api } from "@/lib/client/api";
import { saveLocale } from "@/lib/client/locale";
import { queryKeys } from "@/lib/client/queries";
import type { Me } from "@/lib/client/types";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { isLocale, locales } from "@/lib/i18n/config";
import { Card } from "./section";

const themes: { id: Theme; icon: typeof Sun }[] = [
  { id: "light", icon: Sun },
  { id: "dark", icon: Moon },
  { id: "system", icon: Monitor },
];

export function ProfileForm() {
  const me = useMe();
  const t = useTranslations("settings.profile");
  const tUser = useTranslations("shell.user");
  const tCommon = useTranslations("common");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const router = useRouter();
  const locale = useLocale();
  const { theme, setTheme } = useTheme();
  const [name, setName] = useState(me.user?.full_name ?? "");
  const [saving, setSaving] = useState(false);
  const [switching, startSwitch] = useTransition();
  const dirty = name.trim() !== (me.user?.full_name ?? "") && name.trim().length > 0;

  return (
    <Card className="max-w-2xl">
      <form
        className="grid gap-6 p-6"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!dirty) return;
          setSaving(true);
          try {
            const user = await api<Me["user"]>("/api/me", { method: "PATCH", body: { full_name: name.trim() } });
            queryClient.setQueryData<Me>(queryKeys.me, (old) => (old ? { ...old, user } : old));
            void queryClient.invalidateQueries({ queryKey: queryKeys.members });
            toast.success(t("saved"));
          } catch (error) {
            toast.error(errorMessage(error));
          } finally {
            setSaving(false);
          }
        }}
      >
        <div className="flex items-center gap-4">
          <Avatar name={name || me.user?.email || ""} seed={me.user?.id} className="size-12 text-sm" />
          <div className="min-w-0">
            <p className="truncate font-medium">{name || me.user?.email}</p>
            <p className="truncate text-sm text-muted-foreground">{me.user?.email}</p>
          </div>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("name")} htmlFor="full_name">
            <Input
              id="full_name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={120}
              autoComplete="name"
            />
          </Field>
          <Field label={t("email")} htmlFor="email" hint={t("emailHint")}>
            <Input id="email" value={me.user?.email ?? ""} readOnly />
          </Field>
          <Field label={t("language")} htmlFor="language" hint={t("languageHint")}>
            <Select
              value={locale}
              disabled={switching}
              onValueChange={(value) => {
                if (!isLocale(value)) return;
                startSwitch(async () => {
                  await saveLocale(value, true);
                  router.refresh();
                });
              }}
            >
              <SelectTrigger id="language">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {locales.map((l) => (
                  <SelectItem key={l} value={l} lang={l}>
                    {localeNames[l]}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </Field>
          <div className="grid gap-1.5">
            <Label id="theme-label">{t("theme")}</Label>
            <div
              role="radiogroup"
              aria-labelledby="theme-label"
              className="grid h-9 grid-cols-3 rounded-md border bg-muted/50 p-0.5"
            >
              {themes.map(({ id, icon: Icon }) => (
                <button
                  key={id}
                  type="button"
                  role="radio"
                  aria-checked={theme === id}
                  onClick={() => setTheme(id)}
                  className={cn(
                    "flex cursor-pointer items-center justify-center gap-1.5 rounded-[5px] text-[13px] text-muted-foreground transition-colors hover:text-foreground",
                    theme === id && "bg-card font-medium text-foreground shadow-xs",
                  )}
                >
                  <Icon className="size-3.5" aria-hidden />
                  {tUser(id)}
                </button>
              ))}
            </div>
          </div>
        </div>
        <div className="flex justify-end border-t pt-5">
          <Button type="submit" loading={saving} disabled={!dirty}>
            {tCommon("save")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
