import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { TasksView } from "@/components/tasks/tasks-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("tasks") };
}

export default function TasksPage() {
  return (
    <Suspense>
      <TasksView />
    </Suspense>
  );
}
