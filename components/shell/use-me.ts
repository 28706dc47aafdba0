"use client";

import { useQuery } from "@tanstack/react-query";
import { createContext, use } from "react";
import { fetchMe, queryKeys } from "@/lib/client/queries";
import type { Me } from "@/lib/client/types";

/** What the server rendered the shell with, so the first paint already shows the right org and user. */
export const InitialMeContext = createContext<Me | null>(null);

/** Who I am, where I am and what I may do; kept fresh by react-query and realtime membership changes. */
export function useMe(): Me {
  const initial = use(InitialMeContext);
  if (!initial) throw new Error("useMe outside the app shell");
  const { data } = useQuery({ queryKey: queryKeys.me, queryFn: fetchMe, initialData: initial });
  return data;
}
