"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Toaster } from "sonner";
import { ApiRequestError } from "@/lib/client/api";
import { TIME_ZONE_COOKIE } from "@/lib/i18n/config";
import { ThemeProvider, useTheme, type Theme } from "./theme";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not get better by asking again; a dropped connection might.
        retry: (count, error) =>
          count < 2 && !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500),
      },
    },
  });
}

function ThemedToaster() {
  const { resolved } = useTheme();
  // sonner labels its region "Notifications" in English unless told otherwise.
  const t = useTranslations("toasts");
  const tCommon = useTranslations("common");
  return (
    <Toaster
      theme={resolved}
      position="top-center"
      closeButton
      containerAriaLabel={t("region")}
      toastOptions={{ className: "font-sans", closeButtonAriaLabel: tCommon("close") }}
    />
  );
}

/** Tells the server the browser's time zone, so dates it renders match the ones rendered here. */
function useTimeZoneCookie() {
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && !document.cookie.includes(`${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}`))
      document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
  }, []);
}

export function Providers({ theme, children }: { theme: Theme; children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  useTimeZoneCookie();
  return (
    <QueryClientProvider client={queryClient}>
      <ThemeProvider initial={theme}>
        {children}
        <ThemedToaster />
      </ThemeProvider>
    </QueryClientProvider>
  );
}
