"use client";

import { useQuery } from "@tanstack/react-query";
import { createContext, use, useEffect } from "react";
import { ApiRequestError } from "@/lib/client/api";
import { fetchMe, queryKeys } from "@/lib/client/queries";
import { hardNavigate } from "@/lib/client/session";
import type { Me } from "@/lib/client/types";

/** What the server rendered the shell with, so the first paint already shows the right org and user. */
export const InitialMeContext = createContext<Me | null>(null);

/** Who I am, where I am and what I may do; kept fresh by react-query and realtime membership changes. */
export function useMe(): Me {
  const initial = use(InitialMeContext);
  if (!initial) throw new Error("useMe outside the app shell");
  const { data, error } = useQuery({ queryKey: queryKeys.me, queryFn: fetchMe, initialData: initial });
  useEffect(() => {
    // Removed from the organisation while looking at it: reload into whatever the server says is left.
    if (error instanceof ApiRequestError && error.status === 403) hardNavigate("/inbox");
  }, [error]);
  return data;
}
