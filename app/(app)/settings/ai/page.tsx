import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AiSettingsView } from "@/components/ai/settings/ai-settings-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.tabs"))("ai") };
}

export default function AiSettingsPage() {
  return <AiSettingsView />;
}
