import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CannedSettings } from "@/components/settings/canned-labels/canned-settings";
import { LabelsSettings } from "@/components/settings/canned-labels/labels-settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.tabs"))("canned") };
}

export default function CannedSettingsPage() {
  return (
    <div className="grid gap-10">
      <CannedSettings />
      <LabelsSettings />
    </div>
  );
}
