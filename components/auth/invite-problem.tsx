import { LinkIcon } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";

export async function InviteProblem({ kind, signedIn }: { kind: "expired" | "notFound"; signedIn: boolean }) {
  const t = await getTranslations("invite");
  return (
    <div className="text-center">
      <div className="mx-auto mb-5 flex size-12 items-center justify-center rounded-xl border bg-card shadow-sm">
        <LinkIcon className="size-5 text-muted-foreground" aria-hidden />
      </div>
      <h1 className="text-xl font-semibold tracking-tight">{t(`${kind}Title`)}</h1>
      <p className="mt-2 text-sm text-muted-foreground text-pretty">{t(`${kind}Body`)}</p>
      <Button asChild variant="outline" className="mt-6">
        <Link href={signedIn ? "/inbox" : "/sign-in"}>{t("goToApp")}</Link>
      </Button>
    </div>
  );
}
