"use client";

import { useEffect, useEffectEvent, useRef } from "react";
import { isTyping } from "@/components/shell/shortcuts";

export type InboxShortcutHandlers = {
  move: (step: 1 | -1) => void;
  reply: () => void;
  resolve: () => void;
  search: () => void;
};

/**
 * j/k move through the list, r replies, e resolves, / searches (listed in the ? help). By physical key, so
 * they work with a Russian layout too; never while typing, and not as the second key of a "G then letter" jump.
 */
export function useInboxShortcuts(handlers: InboxShortcutHandlers) {
  const afterG = useRef(0);
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
    if (e.code === "KeyG") {
      afterG.current = Date.now();
      return;
    }
    if (Date.now() - afterG.current < 1500) return;
    if (e.shiftKey) return;
    const action = {
      KeyJ: () => handlers.move(1),
      KeyK: () => handlers.move(-1),
      KeyR: handlers.reply,
      KeyE: handlers.resolve,
      Slash: handlers.search,
    }[e.code];
    if (!action) return;
    e.preventDefault();
    action();
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);
}
