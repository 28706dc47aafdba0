import { Compass } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default async function NotFound() {
  const t = await getTranslations("errorPage");
  return (
    <main className="flex min-h-dvh items-center justify-center px-6">
      <EmptyState icon={Compass} title={t("notFoundTitle")} description={t("notFoundBody")}>
        <Button asChild>
          <Link href="/inbox">{t("home")}</Link>
        </Button>
      </EmptyState>
    </main>
  );
}
