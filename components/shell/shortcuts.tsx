"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Dialog, DialogContent, DialogHeader } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";
import { navItems } from "./nav-items";

/** Keys typed into a field, a menu or a dialog are not shortcuts. */
export function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return (
    el.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) ||
    !!el.closest("[role=menu],[role=listbox],[role=dialog]")
  );
}

/** Each page's own keys (components/inbox/use-inbox-shortcuts.ts, components/leads/use-leads-shortcuts.ts). */
const pageShortcuts = {
  inbox: [
    { id: "next", keys: ["J"] },
    { id: "previous", keys: ["K"] },
    { id: "reply", keys: ["R"] },
    { id: "resolve", keys: ["E"] },
    { id: "search", keys: ["/"] },
    { id: "leave", keys: ["Esc"] },
    { id: "send", keys: ["Enter"] },
    { id: "newline", keys: ["Shift", "Enter"] },
  ],
  leads: [
    { id: "next", keys: ["J"] },
    { id: "previous", keys: ["K"] },
    { id: "open", keys: ["Enter"] },
    { id: "search", keys: ["/"] },
    { id: "close", keys: ["Esc"] },
  ],
} as const;

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
      <DialogContent closeLabel={tCommon("close")} className="max-h-[calc(100dvh-2rem)] overflow-y-auto sm:max-w-2xl">
        <DialogHeader title={t("title")} description={t("description")} />
        <div className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
          <ul className="grid content-start gap-1">
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
          </ul>
          <div className="grid content-start gap-3 border-t pt-3 sm:border-t-0 sm:border-l sm:pt-0 sm:pl-6">
            {(Object.keys(pageShortcuts) as (keyof typeof pageShortcuts)[]).map((page) => (
              <section key={page} className="grid gap-1">
                <h3 className="px-1 py-1.5 text-xs font-medium text-muted-foreground">{t(`${page}.title`)}</h3>
                <ul className="grid gap-1">
                  {pageShortcuts[page].map(({ id, keys }) => (
                    <li key={id} className="flex items-center justify-between rounded-md px-1 py-1 text-sm">
                      {t(`${page}.${id}`)}
                      <span className="flex items-center gap-1">
                        {keys.map((key) => (
                          <Kbd key={key}>{key}</Kbd>
                        ))}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </div>
        <p className="flex items-center justify-between border-t px-1 pt-3 text-sm">
          {t("help")}
          <Kbd>?</Kbd>
        </p>
      </DialogContent>
    </Dialog>
  );
}
