"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { copyText } from "@/lib/client/clipboard";
import { Button } from "./button";
import { cn } from "./cn";
import { Input } from "./input";

/** A read-only value with a Copy button; clicking the value selects it all, for copying by hand. */
export function CopyField({
  value,
  label,
  copyLabel,
  copiedLabel,
  onCopied,
  mono,
  id,
}: {
  value: string;
  label: string;
  copyLabel: string;
  copiedLabel: string;
  onCopied?: () => void;
  mono?: boolean;
  id?: string;
}) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <div className="flex gap-2">
      <Input
        id={id}
        readOnly
        value={value}
        aria-label={label}
        onFocus={(e) => e.currentTarget.select()}
        className={cn("flex-1", mono && "font-mono text-[13px]")}
      />
      <Button
        type="button"
        variant="outline"
        onClick={async () => {
          if (await copyText(value)) {
            setCopied(true);
            onCopied?.();
          }
        }}
      >
        {copied ? <Check className="text-success" aria-hidden /> : <Copy aria-hidden />}
        {copied ? copiedLabel : copyLabel}
      </Button>
    </div>
  );
}
