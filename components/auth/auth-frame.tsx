import { Bot, Inbox, KanbanSquare } from "lucide-react";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Logo } from "@/components/shell/logo";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { PreviewCard } from "./preview-card";

/** Signed-out pages: what Relay is on the left (wide screens), the form on the right. */
export async function AuthFrame({ children, signedIn }: { children: ReactNode; signedIn?: boolean }) {
  const t = await getTranslations("auth");
  const points = [
    { icon: Inbox, text: t("points.inbox") },
    { icon: Bot, text: t("points.ai") },
    { icon: KanbanSquare, text: t("points.pipeline") },
  ];
  return (
    <div className="grid min-h-dvh lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <aside className="relative hidden overflow-hidden bg-[oklch(0.24_0.06_270)] p-10 text-white lg:flex lg:flex-col">
        <div
          aria-hidden
          className="absolute inset-0 bg-[radial-gradient(60%_50%_at_20%_10%,oklch(0.55_0.2_268/0.55),transparent),radial-gradient(50%_40%_at_90%_90%,oklch(0.6_0.18_310/0.35),transparent)]"
        />
        <Logo className="relative text-white" />
        <div className="relative my-auto flex justify-center py-8 [@media(max-height:780px)]:hidden">
          <PreviewCard />
        </div>
        <div className="relative max-w-md">
          <p className="text-3xl leading-tight font-semibold tracking-tight text-balance">{t("tagline")}</p>
          <ul className="mt-6 grid gap-3">
            {points.map(({ icon: Icon, text }) => (
              <li key={text} className="flex items-center gap-3 text-[15px] text-white/85">
                <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-white/10 ring-1 ring-white/15">
                  <Icon className="size-4.5" aria-hidden />
                </span>
                {text}
              </li>
            ))}
          </ul>
        </div>
      </aside>
      <main className="flex flex-col px-6 py-6 sm:px-10">
        <div className="flex items-center justify-between">
          <Logo className="lg:invisible" />
          <LocaleSwitch signedIn={signedIn} />
        </div>
        <div className="mx-auto flex w-full max-w-sm flex-1 flex-col justify-center py-10">{children}</div>
      </main>
    </div>
  );
}
