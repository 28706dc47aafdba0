"use client";

import { useEffect, useEffectEvent } from "react";
import { isTyping } from "@/components/shell/shortcuts";

/**
 * j/k move the cursor row, Enter opens it, / focuses the name filter (Esc closes the drawer: Radix does that).
 * By physical key, so they work with a Russian layout; never while typing or inside the drawer.
 */
export function useLeadsShortcuts(handlers: { move: (step: 1 | -1) => void; open: () => void; search: () => void }) {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || e.shiftKey || isTyping(e.target)) return;
    // A focused row handles its own Enter; a focused button or link too.
    const focused = e.target as HTMLElement | null;
    if (e.code === "Enter" && focused?.closest("button,a,tr")) return;
    const action = {
      KeyJ: () => handlers.move(1),
      KeyK: () => handlers.move(-1),
      Enter: handlers.open,
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
