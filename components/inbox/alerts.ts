"use client";

import { useEffect, useRef, useSyncExternalStore } from "react";
import type { InboxItem } from "./inbox-api";

const STORAGE_KEY = "relay-inbox-alerts";
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => e.key === STORAGE_KEY && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

const read = () => {
  try {
    return localStorage.getItem(STORAGE_KEY) !== "off";
  } catch {
    return true;
  }
};

/**
 * The sound for new conversations (on until the user turns it off, per browser) and, once allowed, desktop
 * notifications for new client messages while the tab is in the background.
 */
export function useAlertsSetting(): [boolean, (on: boolean) => void] {
  const enabled = useSyncExternalStore(subscribe, read, () => true);
  const set = (on: boolean) => {
    try {
      localStorage.setItem(STORAGE_KEY, on ? "on" : "off");
    } catch {
      // private mode: the choice lasts for this page only
    }
    listeners.forEach((l) => l());
    if (on && "Notification" in window && Notification.permission === "default") {
      void Notification.requestPermission();
    }
    if (on) beep();
  };
  return [enabled, set];
}

let audio: AudioContext | undefined;

/** Two short soft tones, made on the spot: no sound file to load or to be blocked. */
export function beep() {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime + 0.01;
    for (const [offset, freq] of [
      [0, 880],
      [0.12, 1320],
    ] as const) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.12, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.2);
    }
  } catch {
    // no audio device, or the browser wants a gesture first
  }
}

function notify(title: string, body: string, onClick: () => void) {
  if (!("Notification" in window) || Notification.permission !== "granted") return;
  const notification = new Notification(title, { body, tag: title, icon: "/icon.svg" });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
}

/**
 * Watches the list for client messages newer than anything seen before (so changing filters or paging
 * brings no false alarms): beeps for a conversation the list had not shown before, and notifies when the tab
 * is in the background.
 */
export function useInboundAlerts(items: InboxItem[] | undefined, enabled: boolean, open: (id: string) => void) {
  const newest = useRef<string>(undefined);
  const known = useRef(new Set<string>());
  useEffect(() => {
    if (!items) return;
    const since = newest.current;
    const latest = items.reduce((max, i) => (i.lastMessage.at > max ? i.lastMessage.at : max), since ?? "");
    newest.current = latest;
    const seen = known.current;
    const isNew = (id: string) => !seen.has(id);
    const brandNew = items.filter((i) => isNew(i.id));
    items.forEach((i) => seen.add(i.id));
    if (since === undefined || !enabled) return;
    const fresh = items.filter(
      (i) => i.lastMessage.direction === "in" && i.unreadCount > 0 && i.lastMessage.at > since,
    );
    if (!fresh.length) return;
    if (fresh.some((i) => brandNew.includes(i))) beep();
    if (document.visibilityState === "hidden") {
      for (const item of fresh.slice(0, 3)) notify(item.contact.name, item.lastMessage.preview, () => open(item.id));
    }
  }, [items, enabled, open]);
}
