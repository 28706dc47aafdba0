import { Sparkles } from "lucide-react";
import { getTranslations } from "next-intl/server";

const channels = {
  tg: { label: "TG", className: "bg-sky-500" },
  wa: { label: "WA", className: "bg-emerald-500" },
  ig: { label: "IG", className: "bg-fuchsia-500" },
};

/** A glimpse of the product on the sign-in side panel: decoration only, hidden from screen readers. */
export async function PreviewCard() {
  const t = await getTranslations("auth.preview");
  const rows = [
    { channel: channels.tg, name: t("n1"), text: t("m1"), time: t("now"), score: 92 },
    { channel: channels.wa, name: t("n2"), text: t("m2"), time: t("min", { n: 4 }), score: 74 },
    { channel: channels.ig, name: t("n3"), text: t("m3"), time: t("min", { n: 12 }), score: 88 },
  ];
  return (
    <div
      aria-hidden
      className="relative w-full max-w-md rounded-2xl bg-white/[0.07] p-3 shadow-2xl ring-1 ring-white/15 backdrop-blur"
    >
      <p className="px-2 pt-1 pb-2 text-xs font-medium tracking-wide text-white/60 uppercase">{t("inbox")}</p>
      <ul className="grid gap-1">
        {rows.map((row, i) => (
          <li key={row.name} className={`flex items-center gap-3 rounded-xl px-2 py-2 ${i === 0 ? "bg-white/10" : ""}`}>
            <span
              className={`flex size-8 shrink-0 items-center justify-center rounded-full text-[10px] font-semibold ${row.channel.className}`}
            >
              {row.channel.label}
            </span>
            <span className="min-w-0 flex-1">
              <span className="flex items-baseline justify-between gap-2">
                <span className="truncate text-sm font-medium">{row.name}</span>
                <span className="shrink-0 text-[11px] text-white/50">{row.time}</span>
              </span>
              <span className="block truncate text-[13px] text-white/65">{row.text}</span>
            </span>
            <span className="shrink-0 rounded-full bg-emerald-400/15 px-2 py-0.5 text-[11px] font-medium text-emerald-300">
              {t("score", { score: row.score })}
            </span>
          </li>
        ))}
      </ul>
      <div className="mt-2 rounded-xl bg-[oklch(0.55_0.2_268/0.35)] p-3 ring-1 ring-white/15">
        <p className="flex items-center gap-1.5 text-[11px] font-medium tracking-wide text-white/70 uppercase">
          <Sparkles className="size-3.5" />
          {t("draftLabel")}
        </p>
        <p className="mt-1 text-[13px] leading-snug text-white/90">{t("draft")}</p>
      </div>
    </div>
  );
}
