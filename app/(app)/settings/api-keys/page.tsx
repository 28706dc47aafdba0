import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApiKeysSettings } from "@/components/settings/api-keys/api-keys-settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.tabs"))("apiKeys") };
}

export default function ApiKeysPage() {
  return <ApiKeysSettings />;
}
