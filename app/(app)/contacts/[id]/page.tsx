import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ContactPage } from "@/components/contacts/contact-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("contacts") };
}

export default async function ContactDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ContactPage id={id} />;
}
