"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { AiMode } from "../ai-api";

export const MODES: AiMode[] = ["auto", "draft", "off"];

/** Auto-reply / draft only / off as one segmented control (radio group, arrow keys move). */
export function ModePicker({
  value,
  onChange,
  label,
  name,
}: {
  value: AiMode;
  onChange: (mode: AiMode) => void;
  label: string;
  name: string;
}) {
  const t = useTranslations("aiSettings.modes");
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex rounded-lg border bg-muted/50 p-0.5">
      {MODES.map((mode) => (
        <label
          key={mode}
          className={cn(
            "relative cursor-pointer rounded-md px-3 py-1.5 text-[13px] font-medium text-muted-foreground transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring/40 has-[:disabled]:cursor-not-allowed",
            value === mode && "bg-card text-foreground shadow-xs",
          )}
        >
          <input
            type="radio"
            name={name}
            value={mode}
            checked={value === mode}
            onChange={() => onChange(mode)}
            className="sr-only"
          />
          {t(mode)}
        </label>
      ))}
    </div>
  );
}
