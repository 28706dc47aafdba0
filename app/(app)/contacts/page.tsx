import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ContactsView } from "@/components/contacts/contacts-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("contacts") };
}

export default function ContactsPage() {
  return (
    <Suspense>
      <ContactsView />
    </Suspense>
  );
}
