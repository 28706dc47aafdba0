import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TeamSettings } from "@/components/settings/team/team-settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.tabs"))("team") };
}

export default function TeamPage() {
  return <TeamSettings />;
}
