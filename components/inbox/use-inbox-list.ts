"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { fetchInbox, inboxKeys, type InboxFilters } from "./inbox-api";

const FILTERS_KEY = "relay-inbox-filters";
const DEFAULT_RAW = JSON.stringify({ status: "open" });
const listeners = new Set<() => void>();
let cache: { raw: string; value: InboxFilters } | undefined;

function readRaw() {
  try {
    return localStorage.getItem(FILTERS_KEY) ?? DEFAULT_RAW;
  } catch {
    return DEFAULT_RAW;
  }
}

function parse(raw: string): InboxFilters {
  if (cache?.raw === raw) return cache.value;
  let value: InboxFilters;
  try {
    const parsed = JSON.parse(raw) as unknown;
    value = parsed && typeof parsed === "object" ? (parsed as InboxFilters) : { status: "open" };
  } catch {
    value = { status: "open" };
  }
  cache = { raw, value };
  return value;
}

const serverFilters = parse(DEFAULT_RAW);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Filters remembered per browser, read the same way on the server (defaults) and the client (no mismatch). */
function useSavedFilters(): [InboxFilters, (next: InboxFilters) => void] {
  const filters = useSyncExternalStore(
    subscribe,
    () => parse(readRaw()),
    () => serverFilters,
  );
  const set = (next: InboxFilters) => {
    const raw = JSON.stringify({ ...next, q: undefined });
    try {
      localStorage.setItem(FILTERS_KEY, raw);
    } catch {
      cache = { raw, value: next };
    }
    listeners.forEach((l) => l());
  };
  return [filters, set];
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The conversation list with its filters and search (the server's full-text search, asked once typing
 * pauses), keyset-paged; the previous results stay on screen while the next ones load.
 */
export function useInboxList() {
  const [filters, setFilters] = useSavedFilters();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim().slice(0, 200), 250);
  const effective = useMemo(() => ({ ...filters, q: q || undefined }), [filters, q]);

  const query = useInfiniteQuery({
    queryKey: inboxKeys.list(effective),
    queryFn: ({ pageParam, signal }) => fetchInbox(effective, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items), [query.data]);
  const filtered = Boolean(
    effective.q || effective.channel || effective.assignee || effective.unread || effective.label || effective.snoozed,
  );
  return { query, items, filters, setFilters, search, setSearch, filtered };
}
