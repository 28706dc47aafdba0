import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { PageHeader } from "@/components/shell/page-header";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("settings");
  return (
    <div className="mx-auto w-full max-w-5xl px-5 py-8 sm:px-8">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <SettingsTabs />
      <div className="mt-8">{children}</div>
    </div>
  );
}
