import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProfileForm } from "@/components/settings/profile-form";
import { SettingsSection } from "@/components/settings/section";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.profile"))("title") };
}

export default async function ProfilePage() {
  const t = await getTranslations("settings.profile");
  return (
    <SettingsSection id="profile" title={t("title")} description={t("description")}>
      <ProfileForm />
    </SettingsSection>
  );
}
