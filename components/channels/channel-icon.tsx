import { useId } from "react";
import type { ChannelType } from "@/lib/channels/types";
import { cn } from "@/components/ui/cn";
import { kindOf, type ChannelKind } from "./channel-kinds";

type Network = ChannelKind["network"];

// Simplified marks in each network's colours, drawn here: lucide has no brand icons, and people find
// their chats by these colours before they read a word.
function Mark({ network }: { network: Network }) {
  // Gradient ids must be unique per page: a copy inside a hidden pane would otherwise paint nothing.
  const gradient = useId();
  if (network === "telegram") {
    return (
      <svg viewBox="0 0 24 24" className="size-full" aria-hidden>
        <circle cx="12" cy="12" r="12" fill="#2AABEE" />
        <path
          d="M5.4 11.7c3.5-1.5 5.8-2.5 7-3 3.3-1.4 4-1.6 4.4-1.6.1 0 .3 0 .4.1.1.1.1.2.1.3v.6c-.2 2-1 6.9-1.4 9.2-.2.9-.5 1.3-.9 1.3-.8.1-1.4-.5-2.2-1l-3-2c-.9-.6-.3-1 .2-1.5.1-.1 2.6-2.4 2.7-2.6 0 0 0-.1-.1-.2h-.2c-.1 0-1.6 1-4.5 3-.4.3-.8.4-1.2.4-.4 0-1.1-.2-1.7-.4-.7-.2-1.2-.3-1.2-.7 0-.2.3-.4.9-.7z"
          fill="#fff"
        />
      </svg>
    );
  }
  if (network === "whatsapp") {
    return (
      <svg viewBox="0 0 24 24" className="size-full" aria-hidden>
        <circle cx="12" cy="12" r="12" fill="#25D366" />
        <path
          d="M12 5.3a6.7 6.7 0 0 0-5.8 10.1l-.9 3.3 3.4-.9A6.7 6.7 0 1 0 12 5.3z"
          fill="none"
          stroke="#fff"
          strokeWidth="1.4"
          strokeLinejoin="round"
        />
        <path
          d="M9.6 8.9c.2-.3.4-.3.6-.3h.4c.1 0 .3 0 .4.3l.6 1.4c0 .1.1.3 0 .4l-.3.4-.3.3c-.1.1-.2.2 0 .4.3.5.6.9 1 1.3.5.4 1 .7 1.4.9.2.1.3 0 .4-.1l.6-.7c.1-.2.3-.1.4-.1l1.3.6c.2.1.3.1.3.2.1.1.1.6-.1 1.1-.2.5-1 1-1.5 1-.4 0-.8.2-2.7-.6-2.2-.9-3.6-3.2-3.7-3.3-.1-.2-.9-1.2-.9-2.2 0-1 .6-1.5.8-1.7z"
          fill="#fff"
        />
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 24 24" className="size-full" aria-hidden>
      <defs>
        <linearGradient id={gradient} x1="0" y1="1" x2="1" y2="0">
          <stop offset="0" stopColor="#FEDA75" />
          <stop offset="0.35" stopColor="#FA7E1E" />
          <stop offset="0.6" stopColor="#D62976" />
          <stop offset="1" stopColor="#4F5BD5" />
        </linearGradient>
      </defs>
      <rect width="24" height="24" rx="7" fill={`url(#${gradient})`} />
      <rect x="6" y="6" width="12" height="12" rx="3.6" fill="none" stroke="#fff" strokeWidth="1.6" />
      <circle cx="12" cy="12" r="2.9" fill="none" stroke="#fff" strokeWidth="1.6" />
      <circle cx="15.6" cy="8.4" r="0.9" fill="#fff" />
    </svg>
  );
}

export function NetworkIcon({ network, className }: { network: Network; className?: string }) {
  return (
    <span className={cn("inline-flex size-5 shrink-0", className)}>
      <Mark network={network} />
    </span>
  );
}

export function ChannelIcon({ type, className }: { type: ChannelType; className?: string }) {
  return <NetworkIcon network={kindOf(type).network} className={className} />;
}
