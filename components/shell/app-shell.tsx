"use client";

import { Menu } from "lucide-react";
import { NotificationsBell } from "@/components/ai/notifications-bell";
import { useTranslations } from "next-intl";
import { createContext, use, useCallback, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogTitle, DialogTrigger, SheetContent } from "@/components/ui/dialog";
import type { Me } from "@/lib/client/types";
import type { RealtimeStatus } from "@/lib/realtime/use-realtime";
import { useUnreadTitle } from "@/components/inbox/use-unread";
import { IncomingCalls } from "@/components/telephony/incoming-call";
import { useLiveUpdates } from "./live-updates";
import { SessionKeeper } from "./session-keeper";
import { ShortcutsDialog, useNavShortcuts } from "./shortcuts";
import { SidebarBrand, SidebarContent } from "./sidebar";
import { InitialMeContext, useMe } from "./use-me";

const LiveStatusContext = createContext<RealtimeStatus>("idle");
/** Whether lists on screen are being kept live (for the small "Live" indicator). */
export const useLiveStatus = () => use(LiveStatusContext);

function Live({ children }: { children: ReactNode }) {
  const me = useMe();
  const status = useLiveUpdates(me.organization.id);
  useUnreadTitle();
  return <LiveStatusContext value={status}>{children}</LiveStatusContext>;
}

export function AppShell({ me, expiresAt, children }: { me: Me; expiresAt: number | null; children: ReactNode }) {
  const t = useTranslations("shell");
  const [help, setHelp] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const openHelp = useCallback(() => setHelp(true), []);
  useNavShortcuts(openHelp);

  return (
    <InitialMeContext value={me}>
      <Live>
        <SessionKeeper expiresAt={expiresAt} />
        <a
          href="#content"
          className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-sm text-primary-foreground focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
        >
          {t("skipToContent")}
        </a>
        <div className="flex min-h-dvh">
          <aside className="sticky top-0 hidden h-dvh w-60 shrink-0 border-r bg-sidebar md:block" data-testid="sidebar">
            <SidebarContent onShortcuts={openHelp} />
          </aside>
          <div className="flex min-w-0 flex-1 flex-col">
            <header className="sticky top-0 z-30 flex h-12 items-center gap-2 border-b bg-background/85 px-3 backdrop-blur md:hidden">
              <Dialog open={menuOpen} onOpenChange={setMenuOpen}>
                <DialogTrigger asChild>
                  <Button variant="ghost" size="icon-sm" aria-label={t("openMenu")}>
                    <Menu aria-hidden />
                  </Button>
                </DialogTrigger>
                <SheetContent aria-describedby={undefined}>
                  <DialogTitle className="sr-only">{t("openMenu")}</DialogTitle>
                  <SidebarContent onNavigate={() => setMenuOpen(false)} onShortcuts={openHelp} />
                </SheetContent>
              </Dialog>
              <SidebarBrand />
              <NotificationsBell className="ml-auto" />
            </header>
            <main id="content" tabIndex={-1} className="flex-1 outline-none">
              {children}
            </main>
          </div>
        </div>
        <ShortcutsDialog open={help} onOpenChange={setHelp} />
        <IncomingCalls />
      </Live>
    </InitialMeContext>
  );
}
