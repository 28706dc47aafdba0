import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ContactFieldsSettings } from "@/components/settings/contact-fields/contact-fields-settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.tabs"))("contacts") };
}

export default function ContactsSettingsPage() {
  return <ContactFieldsSettings />;
}
