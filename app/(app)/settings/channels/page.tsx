import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChannelsSettings } from "@/components/channels/channels-settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.tabs"))("channels") };
}

export default function ChannelsPage() {
  return <ChannelsSettings />;
}
