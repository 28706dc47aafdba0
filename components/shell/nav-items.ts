import {
  BarChart3,
  Contact,
  Inbox,
  KanbanSquare,
  ListTodo,
  Phone,
  Settings,
  Sparkles,
  Target,
  type LucideIcon,
} from "lucide-react";

export type NavKey =
  "inbox" | "pipeline" | "tasks" | "leads" | "contacts" | "calls" | "analytics" | "automations" | "settings";

/** The sidebar, in order; `key` is the letter after G that jumps there. */
export const navItems: { id: NavKey; href: string; icon: LucideIcon; key: string }[] = [
  { id: "inbox", href: "/inbox", icon: Inbox, key: "i" },
  { id: "pipeline", href: "/pipeline", icon: KanbanSquare, key: "p" },
  { id: "tasks", href: "/tasks", icon: ListTodo, key: "t" },
  { id: "leads", href: "/leads", icon: Target, key: "l" },
  { id: "contacts", href: "/contacts", icon: Contact, key: "c" },
  { id: "calls", href: "/calls", icon: Phone, key: "k" },
  { id: "analytics", href: "/analytics", icon: BarChart3, key: "a" },
  { id: "automations", href: "/automations", icon: Sparkles, key: "u" },
  { id: "settings", href: "/settings", icon: Settings, key: "s" },
];

export const navIcon = (id: NavKey) => navItems.find((item) => item.id === id)!.icon;
