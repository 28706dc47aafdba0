import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { InboxView } from "@/components/inbox/inbox-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("inbox") };
}

export default function InboxPage() {
  // useSearchParams (the open conversation) needs a Suspense boundary.
  return (
    <Suspense>
      <InboxView />
    </Suspense>
  );
}
