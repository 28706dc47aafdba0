import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { CallsView } from "@/components/telephony/calls-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("calls") };
}

export default function CallsPage() {
  // useSearchParams (the open call) needs a Suspense boundary.
  return (
    <Suspense>
      <CallsView />
    </Suspense>
  );
}
