import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { WeeklyTelegramSettings } from "@/components/analytics/weekly-telegram-settings";
import { RetailcrmSettings } from "@/components/retailcrm/retailcrm-settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.tabs"))("integrations") };
}

export default function IntegrationsSettingsPage() {
  return (
    <div className="grid gap-10">
      <RetailcrmSettings />
      <WeeklyTelegramSettings />
    </div>
  );
}
