"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { NotificationsBell } from "@/components/ai/notifications-bell";
import { useUnreadConversations } from "@/components/inbox/use-unread";
import { cn } from "@/components/ui/cn";
import { Kbd } from "@/components/ui/kbd";
import { LogoMark } from "./logo";
import { navItems } from "./nav-items";
import { OrgSwitcher } from "./org-switcher";
import { UserMenu } from "./user-menu";

function NavLink({ item, onNavigate }: { item: (typeof navItems)[number]; onNavigate?: () => void }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const active = pathname === item.href || pathname.startsWith(item.href + "/");
  return (
    <Link
      href={item.href}
      onClick={onNavigate}
      aria-current={active ? "page" : undefined}
      aria-keyshortcuts={`g ${item.key}`}
      className={cn(
        "group flex h-8 items-center gap-2.5 rounded-md px-2 text-sm text-sidebar-foreground transition-colors hover:bg-sidebar-active/60 hover:text-foreground",
        active && "bg-sidebar-active font-medium text-foreground",
      )}
    >
      <item.icon className={cn("size-4 shrink-0 opacity-70", active && "text-primary opacity-100")} aria-hidden />
      <span className="flex-1 truncate">{t(item.id)}</span>
      {item.id === "inbox" && <UnreadBadge />}
      <span
        className="hidden items-center gap-0.5 opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100 md:flex"
        aria-hidden
      >
        <Kbd className="h-4 min-w-4 text-[10px]">G</Kbd>
        <Kbd className="h-4 min-w-4 text-[10px]">{item.key.toUpperCase()}</Kbd>
      </span>
    </Link>
  );
}

/** Beside Inbox: how many conversations wait with unread messages. */
function UnreadBadge() {
  const t = useTranslations("nav");
  const count = useUnreadConversations();
  if (!count) return null;
  return (
    <span
      className="inline-flex h-[18px] min-w-[18px] items-center justify-center rounded-full bg-primary px-1 text-[10px] font-semibold text-primary-foreground tabular-nums group-hover:hidden"
      // Hidden from the link's name ("Inbox" stays "Inbox"); the tab title says it too.
      aria-hidden
      title={t("unread", { count })}
      data-testid="nav-unread"
    >
      {count > 99 ? "99+" : count}
    </span>
  );
}

/** Org switcher on top, sections in the middle, settings and the user at the bottom. */
export function SidebarContent({ onNavigate, onShortcuts }: { onNavigate?: () => void; onShortcuts: () => void }) {
  const t = useTranslations("nav");
  const main = navItems.filter((item) => item.id !== "settings");
  const settings = navItems.find((item) => item.id === "settings")!;
  return (
    <div className="flex h-full flex-col gap-2 p-3">
      <div className="flex items-center gap-1">
        <div className="min-w-0 flex-1">
          <OrgSwitcher />
        </div>
        <NotificationsBell />
      </div>
      <nav aria-label={t("main")} className="mt-2 flex flex-1 flex-col gap-0.5 overflow-y-auto">
        {main.map((item) => (
          <NavLink key={item.id} item={item} onNavigate={onNavigate} />
        ))}
        <div className="mt-auto pt-2">
          <NavLink item={settings} onNavigate={onNavigate} />
        </div>
      </nav>
      <div className="border-t pt-2">
        <UserMenu onShortcuts={onShortcuts} />
      </div>
    </div>
  );
}

export function SidebarBrand() {
  return (
    <Link href="/inbox" className="flex items-center gap-2 font-semibold tracking-tight">
      <LogoMark className="size-7" />
      Relay
    </Link>
  );
}
