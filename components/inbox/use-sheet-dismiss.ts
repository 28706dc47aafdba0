"use client";

import { useEffect, useRef, type TouchEvent } from "react";

/** How far a finger must drag the sheet towards the edge it came from to close it. */
const SWIPE_PX = 60;

/**
 * The contact sheet on a phone closes like a native one: Esc (ahead of the inbox's own Esc, which would leave
 * the conversation) and a swipe to the right. Returns the touch handlers for the sheet.
 */
export function useSheetDismiss(active: boolean, close: () => void) {
  const start = useRef<{ x: number; y: number } | null>(null);
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.stopImmediatePropagation();
      e.preventDefault();
      close();
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, [active, close]);
  return {
    onTouchStart: (e: TouchEvent) => {
      const t = e.touches[0];
      start.current = t ? { x: t.clientX, y: t.clientY } : null;
    },
    onTouchEnd: (e: TouchEvent) => {
      const from = start.current;
      const t = e.changedTouches[0];
      start.current = null;
      if (!from || !t) return;
      const dx = t.clientX - from.x;
      // Mostly sideways, so scrolling the panel never closes it.
      if (dx > SWIPE_PX && Math.abs(t.clientY - from.y) < dx / 2) close();
    },
  };
}
