import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PipelineView } from "@/components/pipeline/pipeline-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("pipeline") };
}

export default function PipelinePage() {
  return <PipelineView />;
}
