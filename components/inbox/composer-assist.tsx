"use client";

import { useQuery } from "@tanstack/react-query";
import { AtSign, MessageSquareText, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type KeyboardEvent } from "react";
import { useMe } from "@/components/shell/use-me";
import { Avatar } from "@/components/ui/avatar";
import { cn } from "@/components/ui/cn";
import { fillCanned } from "@/lib/inbox/canned";
import { fetchMembers, queryKeys } from "@/lib/client/queries";
import { fetchCanned, workdayKeys, type CannedResponseView } from "./workday-api";

// "/" at the start of the reply box lists the canned responses; "@" in a note lists the team. Arrow keys move,
// Enter or Tab picks, Esc closes. The lists filter on what is typed after the sign.

const SLASH = /^\/([\p{L}\p{N}_-]*)$/u;
const AT = /(^|\s)@([\p{L}\p{N}._-]*)$/u;

type Option = { key: string; title: string; detail: string; pick: () => void; avatar?: { name: string; seed: string } };

export function useComposerAssist({
  text,
  setText,
  note,
  clientName,
  onNewCanned,
}: {
  text: string;
  setText: (value: string) => void;
  /** Writing a private note (mentions) rather than a reply (canned responses). */
  note: boolean;
  clientName: string;
  onNewCanned: () => void;
}) {
  const t = useTranslations("inbox.workday");
  const me = useMe();
  const [active, setActive] = useState(0);
  const [closedFor, setClosedFor] = useState<string>();
  const [mentions, setMentions] = useState<{ id: string; name: string }[]>([]);
  const slash = note ? null : SLASH.exec(text);
  const at = note ? AT.exec(text) : null;
  const canned = useQuery({ queryKey: workdayKeys.canned, queryFn: fetchCanned, enabled: Boolean(slash) });
  const members = useQuery({ queryKey: queryKeys.members, queryFn: fetchMembers, enabled: note });

  const agentName = me.user?.full_name || me.user?.email || "";
  const insert = (c: CannedResponseView) =>
    setText(fillCanned(c.body, { client_name: clientName, agent_name: agentName }));

  let options: Option[] = [];
  let kind: "canned" | "mention" | undefined;
  if (slash && closedFor !== text) {
    kind = "canned";
    const q = slash[1].toLowerCase();
    options = (canned.data ?? [])
      .filter((c) => c.shortcut.toLowerCase().startsWith(q) || c.title.toLowerCase().includes(q))
      .slice(0, 8)
      .map((c) => ({ key: c.id, title: `/${c.shortcut}`, detail: `${c.title} — ${c.body}`, pick: () => insert(c) }));
  } else if (at && closedFor !== text) {
    kind = "mention";
    const q = at[2].toLowerCase();
    options = (members.data ?? [])
      .filter((m) => m.user_id !== me.user?.id)
      .filter((m) => (m.full_name || m.email).toLowerCase().includes(q) || m.email.toLowerCase().startsWith(q))
      .slice(0, 8)
      .map((m) => {
        const name = m.full_name || m.email;
        return {
          key: m.user_id,
          title: name,
          detail: m.email,
          avatar: { name, seed: m.user_id },
          pick: () => {
            setText(`${text.slice(0, text.length - at[2].length - 1)}@${name} `);
            setMentions((list) => (list.some((x) => x.id === m.user_id) ? list : [...list, { id: m.user_id, name }]));
          },
        };
      });
  }
  const open = kind !== undefined;
  const index = Math.min(active, Math.max(0, options.length - 1));

  /** True when the key was the popup's (the textarea must not act on it). */
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return false;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      setActive((index + (e.key === "ArrowDown" ? 1 : options.length - 1)) % Math.max(1, options.length));
    } else if ((e.key === "Enter" || e.key === "Tab") && options[index]) {
      options[index].pick();
      setActive(0);
    } else if (e.key === "Escape") {
      setClosedFor(text);
    } else return false;
    e.preventDefault();
    return true;
  };

  const popup = open ? (
    <div
      className="absolute inset-x-3 bottom-full z-20 mb-2 overflow-hidden rounded-xl border bg-popover text-popover-foreground shadow-lg"
      role="listbox"
      aria-label={t(kind === "canned" ? "cannedTitle" : "mentionTitle")}
      data-testid={kind === "canned" ? "canned-picker" : "mention-picker"}
    >
      <p className="flex items-center gap-1.5 border-b px-3 py-1.5 text-[11px] font-medium text-muted-foreground">
        {kind === "canned" ? (
          <MessageSquareText className="size-3.5" aria-hidden />
        ) : (
          <AtSign className="size-3.5" aria-hidden />
        )}
        {t(kind === "canned" ? "cannedTitle" : "mentionTitle")}
      </p>
      <ul className="max-h-64 overflow-y-auto py-1">
        {options.map((o, i) => (
          <li key={o.key} role="option" aria-selected={i === index}>
            <button
              type="button"
              onMouseDown={(e) => e.preventDefault()}
              onClick={o.pick}
              onMouseEnter={() => setActive(i)}
              className={cn(
                "flex w-full cursor-pointer items-center gap-2 px-3 py-1.5 text-left text-sm",
                i === index && "bg-accent",
              )}
            >
              {o.avatar && <Avatar name={o.avatar.name} seed={o.avatar.seed} className="size-5 text-[9px]" />}
              <span className="shrink-0 font-medium">{o.title}</span>
              <span className="truncate text-xs text-muted-foreground">{o.detail}</span>
            </button>
          </li>
        ))}
        {!options.length && (
          <li className="px-3 py-2 text-xs text-muted-foreground">
            {t(kind === "canned" ? (canned.isPending ? "loading" : "cannedNone") : "mentionNone")}
          </li>
        )}
      </ul>
      {kind === "canned" && (
        <button
          type="button"
          onMouseDown={(e) => e.preventDefault()}
          onClick={onNewCanned}
          className="flex w-full cursor-pointer items-center gap-1.5 border-t px-3 py-2 text-left text-xs font-medium text-primary hover:bg-muted"
        >
          <Plus className="size-3.5" aria-hidden />
          {t("cannedNew")}
        </button>
      )}
    </div>
  ) : null;

  // Only the names still in the text are mentioned: deleting "@Anna" un-mentions her.
  const mentioned = mentions.filter((m) => text.includes(`@${m.name}`)).map((m) => m.id);
  return { popup, onKeyDown, mentioned, clearMentions: () => setMentions([]) };
}
