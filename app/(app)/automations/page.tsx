import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AutomationsView } from "@/components/automations/automations-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("automations") };
}

export default function AutomationsPage() {
  return <AutomationsView />;
}
