import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { cookies } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/shell/providers";
import { THEME_COOKIE, themeScript, type Theme } from "@/components/shell/theme-script";
import "./globals.css";

// Bundled rather than fetched from a font CDN: installs run offline, and Inter covers Cyrillic.
const inter = localFont({
  src: "./fonts/InterVariable.woff2",
  variable: "--font-inter",
  weight: "100 900",
  display: "swap",
});

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: { default: "Relay CRM", template: "%s · Relay CRM" }, description: t("description") };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfbfd" },
    { media: "(prefers-color-scheme: dark)", color: "#16171d" },
  ],
};

const isTheme = (v: string | undefined): v is Theme => v === "light" || v === "dark" || v === "system";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const stored = (await cookies()).get(THEME_COOKIE)?.value;
  const theme: Theme = isTheme(stored) ? stored : "system";
  // An explicit choice is rendered by the server; "system" is resolved by the inline script before paint.
  const themeClass = theme === "system" ? undefined : theme;

  return (
    <html lang={locale} className={[inter.variable, themeClass].filter(Boolean).join(" ")} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-dvh font-sans">
        <NextIntlClientProvider>
          <Providers theme={theme}>{children}</Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
