"use client";

import {
  AtSign,
  BarChart3,
  Bell,
  CalendarCheck,
  CheckCheck,
  Hand,
  KanbanSquare,
  ListTodo,
  Phone,
  PhoneCall,
  Sparkles,
  Target,
  type LucideIcon,
} from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTimes } from "@/components/inbox/use-times";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { Notification } from "./ai-api";
import { useNotifications } from "./use-notifications";
import { MyTasksLink } from "@/components/tasks/my-tasks-link";

const icons: Record<Notification["kind"], LucideIcon> = {
  handoff: Hand,
  callback: PhoneCall,
  appointment: CalendarCheck,
  lead: Target,
  system: Bell,
  mention: AtSign,
  task: ListTodo,
  deal: KanbanSquare,
  call: Phone,
  automation: Sparkles,
  report: BarChart3,
};

/** Hand-offs, call-back requests and bookings from the assistant; a click opens the conversation. */
export function NotificationsBell({ className }: { className?: string }) {
  const t = useTranslations("ai.notifications");
  const times = useTimes();
  const router = useRouter();
  const { query, markRead } = useNotifications();
  const unread = query.data?.unread ?? 0;
  const items = query.data?.notifications ?? [];
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon-sm"
          className={cn("relative", className)}
          aria-label={unread ? t("labelUnread", { count: unread }) : t("label")}
          title={t("label")}
          data-testid="notifications-bell"
        >
          <Bell aria-hidden />
          {unread > 0 && (
            <span
              className="absolute top-1 right-1 flex h-3.5 min-w-3.5 items-center justify-center rounded-full bg-destructive px-0.5 text-[9px] leading-none font-semibold text-white tabular-nums"
              aria-hidden
            >
              {unread > 9 ? "9+" : unread}
            </span>
          )}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-80 p-0">
        <div className="flex items-center justify-between px-3 py-2">
          <DropdownMenuLabel className="p-0 text-sm text-foreground">{t("title")}</DropdownMenuLabel>
          {unread > 0 && (
            <button
              type="button"
              className="flex cursor-pointer items-center gap-1 text-xs text-primary hover:underline"
              onClick={() => markRead.mutate(undefined)}
            >
              <CheckCheck className="size-3.5" aria-hidden />
              {t("markAll")}
            </button>
          )}
        </div>
        <DropdownMenuSeparator className="mx-0 my-0" />
        <div className="max-h-96 overflow-y-auto p-1">
          {query.isError ? (
            <p className="px-3 py-6 text-center text-xs text-destructive">{t("error")}</p>
          ) : items.length === 0 ? (
            <p className="px-3 py-8 text-center text-xs text-muted-foreground">
              {query.isPending ? t("loading") : t("empty")}
            </p>
          ) : (
            items.map((n) => {
              const Icon = icons[n.kind] ?? Bell;
              return (
                <DropdownMenuItem
                  key={n.id}
                  className="items-start gap-2.5 py-2"
                  onSelect={() => {
                    if (!n.readAt) markRead.mutate([n.id]);
                    // A file (an export's download) is fetched by the browser, not rendered by the router.
                    if (n.link?.startsWith("/api/")) window.location.assign(n.link);
                    else if (n.link) router.push(n.link);
                    else if (n.conversationId) router.push(`/inbox?c=${n.conversationId}`);
                  }}
                  data-testid="notification"
                >
                  <Icon className={cn("mt-0.5", !n.readAt && "!text-primary")} aria-hidden />
                  <span className="min-w-0 flex-1">
                    <span className={cn("block text-[13px]", !n.readAt && "font-semibold")}>{n.title}</span>
                    {n.body && <span className="line-clamp-2 text-xs text-muted-foreground">{n.body}</span>}
                    <span className="text-[11px] text-muted-foreground/80">{times.short(n.createdAt)}</span>
                  </span>
                  {!n.readAt && (
                    <span className="mt-1.5 size-2 shrink-0 rounded-full bg-primary" aria-label={t("unread")} />
                  )}
                </DropdownMenuItem>
              );
            })
          )}
        </div>
        <DropdownMenuSeparator className="mx-0 my-0" />
        <MyTasksLink />
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
