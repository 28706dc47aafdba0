"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { createContext, use, useEffect, useRef } from "react";
import { toast } from "sonner";
import { ApiRequestError } from "@/lib/client/api";
import { fetchMe, queryKeys } from "@/lib/client/queries";
import { hardNavigate } from "@/lib/client/session";
import type { Me } from "@/lib/client/types";

/** What the server rendered the shell with, so the first paint already shows the right org and user. */
export const InitialMeContext = createContext<Me | null>(null);

/** Where the shell remembers, across the reload, which organisation the user was just removed from. */
export const REMOVED_FROM_KEY = "relay.removedFrom";

let expectedOrgChange = false;
/** Called before the user switches or creates an organisation, so that change is not read as a removal. */
export function expectOrgChange() {
  expectedOrgChange = true;
}

/** Who I am, where I am and what I may do; kept fresh by react-query and realtime membership changes. */
export function useMe(): Me {
  const initial = use(InitialMeContext);
  if (!initial) throw new Error("useMe outside the app shell");
  const t = useTranslations("shell");
  const { data, error } = useQuery({ queryKey: queryKeys.me, queryFn: fetchMe, initialData: initial });
  const shown = useRef(data.organization);
  useEffect(() => {
    // Removed from the organisation while looking at it, and no other one left: say so on the next page.
    if (error instanceof ApiRequestError && error.status === 403) {
      sessionStorage.setItem(REMOVED_FROM_KEY, shown.current.name);
      hardNavigate("/inbox");
    }
  }, [error]);
  useEffect(() => {
    const previous = shown.current;
    shown.current = data.organization;
    if (previous.id === data.organization.id) return;
    if (expectedOrgChange) {
      expectedOrgChange = false;
      return;
    }
    // The server moved us to another organisation because we are no longer in this one.
    toast.warning(t("removedFrom", { organization: previous.name }), {
      id: "removed-from",
      duration: Infinity,
      description: t("removedNowIn", { organization: data.organization.name }),
    });
  }, [data.organization, t]);
  return data;
}
