"use client";

import { useEffect } from "react";
import { noteSessionExpiry, refreshSession, signInUrl, storedExpiry } from "@/lib/client/session";

// Renew this long before the access token expires, so no request ever meets an expired token.
const MARGIN_MS = 2 * 60_000;
const CHECK_EVERY_MS = 30_000;

/**
 * Keeps a page that is left open signed in. Checks on an interval rather than one long timer (timers stop
 * while a laptop sleeps), and at once when the tab becomes visible or the network comes back.
 */
export function SessionKeeper({ expiresAt }: { expiresAt: number | null }) {
  useEffect(() => {
    const stored = storedExpiry();
    if (expiresAt && (!stored || stored < expiresAt)) noteSessionExpiry(expiresAt);

    let busy = false;
    const check = async () => {
      const exp = storedExpiry();
      if (busy || !exp || exp * 1000 - Date.now() > MARGIN_MS) return;
      busy = true;
      const result = await refreshSession();
      busy = false;
      if (result === "ended") window.location.assign(signInUrl());
    };
    const onVisible = () => document.visibilityState === "visible" && void check();

    const timer = setInterval(check, CHECK_EVERY_MS);
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("focus", onVisible);
    window.addEventListener("online", check);
    void check();
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", onVisible);
      window.removeEventListener("online", check);
    };
  }, [expiresAt]);
  return null;
}
