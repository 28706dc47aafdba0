"use client";

import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";

export type Theme = "light" | "dark" | "system";
export const THEME_COOKIE = "relay-theme";

/**
 * Runs before first paint (inlined in <head>), so a dark-theme user never sees a white flash. Kept tiny
 * and dependency-free because it is shipped as a string.
 */
export const themeScript = `(function(){try{var m=document.cookie.match(/(?:^|; )${THEME_COOKIE}=(light|dark|system)/);var t=m?m[1]:"system";var d=t==="dark"||(t==="system"&&matchMedia("(prefers-color-scheme: dark)").matches);var c=document.documentElement.classList;c.toggle("dark",d);c.toggle("light",!d)}catch(e){}})()`;

type ThemeContext = { theme: Theme; resolved: "light" | "dark"; setTheme: (theme: Theme) => void };
const Context = createContext<ThemeContext | null>(null);

const systemDark = () => window.matchMedia("(prefers-color-scheme: dark)").matches;

function apply(resolved: "light" | "dark") {
  const root = document.documentElement;
  if (root.classList.contains(resolved)) return;
  // Without this every bordered element would animate its colour separately, which reads as lag.
  const freeze = document.createElement("style");
  freeze.textContent = "*,*::before,*::after{transition:none!important}";
  document.head.appendChild(freeze);
  root.classList.toggle("dark", resolved === "dark");
  root.classList.toggle("light", resolved === "light");
  void window.getComputedStyle(document.body).opacity;
  setTimeout(() => freeze.remove(), 1);
}

export function ThemeProvider({ initial, children }: { initial: Theme; children: ReactNode }) {
  const [theme, setThemeState] = useState<Theme>(initial);
  const [prefersDark, setPrefersDark] = useState(false);

  useEffect(() => {
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    setPrefersDark(media.matches);
    const onChange = () => setPrefersDark(media.matches);
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, []);

  const resolved = theme === "system" ? (prefersDark ? "dark" : "light") : theme;
  // Asks the media query itself: on the first run prefersDark is still its server-side guess.
  useEffect(() => apply(theme === "system" ? (systemDark() ? "dark" : "light") : theme), [theme, prefersDark]);

  const setTheme = useCallback((next: Theme) => {
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    if (next === "system") setPrefersDark(systemDark());
    setThemeState(next);
  }, []);

  const value = useMemo(() => ({ theme, resolved, setTheme }), [theme, resolved, setTheme]);
  return <Context value={value}>{children}</Context>;
}

export function useTheme() {
  const value = use(Context);
  if (!value) throw new Error("useTheme outside ThemeProvider");
  return value;
}
