"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Dialog, DialogContent, DialogHeader } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";
import { navItems } from "./nav-items";

function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return (
    el.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) ||
    !!el.closest("[role=menu],[role=listbox],[role=dialog]")
  );
}

/** G then a letter jumps to a section (as in Linear and GitHub); ? shows the list. */
export function useNavShortcuts(onHelp: () => void) {
  const router = useRouter();
  const pendingG = useRef(0);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      // By physical key, so the shortcuts also work with a Russian keyboard layout.
      const letter = /^Key([A-Z])$/.exec(e.code)?.[1]?.toLowerCase();
      if (e.key === "?" || (e.shiftKey && e.code === "Slash")) {
        e.preventDefault();
        onHelp();
        return;
      }
      if (e.shiftKey || !letter) return;
      if (letter === "g") {
        pendingG.current = Date.now();
        return;
      }
      if (Date.now() - pendingG.current > 1500) return;
      pendingG.current = 0;
      const item = navItems.find((n) => n.key === letter);
      if (item) {
        e.preventDefault();
        router.push(item.href);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, onHelp]);
}

export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("shell.shortcuts");
  const tNav = useTranslations("nav");
  const tCommon = useTranslations("common");
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tCommon("close")}>
        <DialogHeader title={t("title")} description={t("description")} />
        <ul className="grid gap-1">
          {navItems.map((item) => (
            <li key={item.id} className="flex items-center justify-between rounded-md px-1 py-1.5 text-sm">
              <span className="flex items-center gap-2.5">
                <item.icon className="size-4 text-muted-foreground" aria-hidden />
                {t("goTo", { page: tNav(item.id) })}
              </span>
              <span className="flex items-center gap-1 text-xs text-muted-foreground">
                <Kbd>G</Kbd>
                {t("then")}
                <Kbd>{item.key.toUpperCase()}</Kbd>
              </span>
            </li>
          ))}
          <li className="mt-1 flex items-center justify-between border-t px-1 pt-3 text-sm">
            {t("help")}
            <Kbd>?</Kbd>
          </li>
        </ul>
      </DialogContent>
    </Dialog>
  );
}
