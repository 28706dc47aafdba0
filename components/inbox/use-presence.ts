"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useSyncExternalStore } from "react";
import { fetchPresence, reportPresence, workdayKeys, type PresenceView } from "./workday-api";

// This tab's presence: which conversation is open, whether the agent is typing a reply, online while the tab is
// visible (away when hidden). Reported on every change and as a heartbeat; colleagues see it through realtime.

const HEARTBEAT_MS = 30_000;
// Typing stops being reported this long after the last keystroke.
const TYPING_IDLE_MS = 4_000;
// Keystrokes closer together than this are one report.
const TYPING_REPORT_MS = 2_500;

const state = { conversationId: null as string | null, typing: false, lastReport: 0 };
let typingTimer: ReturnType<typeof setTimeout> | undefined;
let send: (() => void) | undefined;

const status = () => (document.visibilityState === "visible" ? "online" : "away");

/** Called from the reply box on each keystroke. */
export function reportTyping() {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    state.typing = false;
    send?.();
  }, TYPING_IDLE_MS);
  if (state.typing && Date.now() - state.lastReport < TYPING_REPORT_MS) return;
  state.typing = true;
  send?.();
}

/** Mounted once in the inbox: reports this tab's presence for the conversation open in it. */
export function usePresenceReporter(conversationId: string | null) {
  const queryClient = useQueryClient();
  useEffect(() => {
    state.conversationId = conversationId;
    state.typing = false;
    send = () => {
      state.lastReport = Date.now();
      reportPresence({ status: status(), conversationId: state.conversationId, typing: state.typing })
        .then((list) => queryClient.setQueryData(workdayKeys.presence, list))
        .catch(() => undefined);
    };
    send();
    const beat = setInterval(() => send?.(), HEARTBEAT_MS);
    const onVisibility = () => send?.();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearInterval(beat);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [conversationId, queryClient]);
}

/** Everyone's presence, live; refetched now and then so a closed tab turns offline. */
export function usePresence() {
  return useQuery({
    queryKey: workdayKeys.presence,
    queryFn: fetchPresence,
    refetchInterval: 45_000,
    staleTime: 10_000,
  });
}

export function usePresenceOf(userId: string | undefined): PresenceView["status"] | undefined {
  const { data } = usePresence();
  return userId ? data?.find((p) => p.userId === userId)?.status : undefined;
}

// Re-render every few seconds so a "typing" that was never cancelled (a closed tab) fades out on time.
function subscribeClock(onChange: () => void) {
  const timer = setInterval(onChange, 3_000);
  return () => clearInterval(timer);
}
const useClock = () =>
  useSyncExternalStore(
    subscribeClock,
    () => Math.floor(Date.now() / 3_000),
    () => 0,
  );

/** Colleagues (not me) typing a reply in this conversation right now. */
export function useTypingIn(conversationId: string, myId: string | undefined) {
  const { data, dataUpdatedAt } = usePresence();
  const tick = useClock();
  const fresh = tick * 3_000 - dataUpdatedAt < 8_000;
  return (data ?? []).filter((p) => p.typing && p.conversationId === conversationId && p.userId !== myId && fresh);
}
