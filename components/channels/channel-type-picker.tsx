"use client";

import { ChevronRight } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ChannelType } from "@/lib/channels/types";
import { ChannelIcon } from "./channel-icon";
import { channelKinds } from "./channel-kinds";

/** The first step of connecting: which provider, each with one line on when to pick it. */
export function ChannelTypePicker({ onPick }: { onPick: (type: ChannelType) => void }) {
  const t = useTranslations("channels.types");
  return (
    <ul className="grid gap-2" aria-label={t("label")}>
      {channelKinds.map((kind) => (
        <li key={kind.type}>
          <button
            type="button"
            onClick={() => onPick(kind.type)}
            className="group flex w-full cursor-pointer items-center gap-3 rounded-lg border bg-card px-3 py-3 text-left transition-colors hover:border-primary/40 hover:bg-accent/40"
          >
            <ChannelIcon type={kind.type} className="size-9" />
            <span className="min-w-0 flex-1">
              <span className="block text-sm font-medium">{t(`${kind.type}.label`)}</span>
              <span className="block text-xs text-muted-foreground">{t(`${kind.type}.pitch`)}</span>
            </span>
            <ChevronRight
              className="size-4 text-muted-foreground transition-transform group-hover:translate-x-0.5"
              aria-hidden
            />
          </button>
        </li>
      ))}
    </ul>
  );
}
