import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AnalyticsView } from "@/components/analytics/analytics-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("analytics") };
}

export default function AnalyticsPage() {
  return <AnalyticsView />;
}
