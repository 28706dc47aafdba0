import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TelephonySettings } from "@/components/telephony/telephony-settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("telephony.settings"))("tab") };
}

export default function TelephonySettingsPage() {
  return <TelephonySettings />;
}
