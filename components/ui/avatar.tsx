import { cn } from "./cn";

// A stable hue per person or organisation, so people recognise each other before reading the name.
function hue(seed: string) {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

export function initials(name: string) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const letters = words.length === 1 ? words[0].slice(0, 2) : words[0][0] + words[words.length - 1][0];
  return letters.toUpperCase();
}

export function Avatar({
  name,
  seed,
  className,
  square,
}: {
  name: string;
  seed?: string;
  className?: string;
  square?: boolean;
}) {
  const h = hue(seed ?? name);
  return (
    <span
      aria-hidden
      className={cn(
        "inline-flex size-8 shrink-0 items-center justify-center text-[11px] font-semibold text-white",
        square ? "rounded-md" : "rounded-full",
        className,
      )}
      style={{ background: `linear-gradient(135deg, oklch(0.62 0.15 ${h}), oklch(0.52 0.17 ${(h + 40) % 360}))` }}
    >
      {initials(name)}
    </span>
  );
}
