import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RetailcrmSettings } from "@/components/retailcrm/retailcrm-settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.tabs"))("integrations") };
}

export default function IntegrationsSettingsPage() {
  return <RetailcrmSettings />;
}
