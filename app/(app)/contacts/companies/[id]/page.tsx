import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CompanyPage } from "@/components/contacts/company-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("companiesPage"))("title") };
}

export default async function CompanyDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <CompanyPage id={id} />;
}
