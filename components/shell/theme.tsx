"use client";

import {
  createContext,
  use,
  useCallback,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { THEME_COOKIE, type Theme } from "./theme-script";

export type { Theme } from "./theme-script";

type ThemeContext = { theme: Theme; resolved: "light" | "dark"; setTheme: (theme: Theme) => void };
const Context = createContext<ThemeContext | null>(null);

const DARK_QUERY = "(prefers-color-scheme: dark)";
const systemDark = () => window.matchMedia(DARK_QUERY).matches;
function subscribeToSystemTheme(onChange: () => void) {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

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
  const prefersDark = useSyncExternalStore(subscribeToSystemTheme, systemDark, () => false);

  const resolved = theme === "system" ? (prefersDark ? "dark" : "light") : theme;
  // Asks the media query itself: on the first run prefersDark is still its server-side guess.
  useEffect(() => apply(theme === "system" ? (systemDark() ? "dark" : "light") : theme), [theme, prefersDark]);

  const setTheme = useCallback((next: Theme) => {
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
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
