import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { LeadsView } from "@/components/leads/leads-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("leads") };
}

export default function LeadsPage() {
  // useSearchParams (the open lead) needs a Suspense boundary.
  return (
    <Suspense>
      <LeadsView />
    </Suspense>
  );
}
