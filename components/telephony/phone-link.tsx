"use client";

import { useMutation } from "@tanstack/react-query";
import { Phone } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { cn } from "@/components/ui/cn";
import { api } from "@/lib/client/api";
import { useErrorMessage } from "@/lib/client/use-error-message";

/**
 * A phone number that calls when clicked: the member's own phone rings through their telephony, then the
 * client's (POST /api/calls). Shows the number as text beside a call button, so it can still be copied.
 */
export function PhoneLink({
  phone,
  contactId,
  dealId,
  className,
  compact,
}: {
  phone: string;
  contactId?: string | null;
  dealId?: string | null;
  className?: string;
  /** Only the button (where the number is shown already). */
  compact?: boolean;
}) {
  const t = useTranslations("telephony");
  const errorMessage = useErrorMessage();
  const call = useMutation({
    mutationFn: () =>
      api("/api/calls", {
        method: "POST",
        body: { phone, ...(contactId ? { contactId } : {}), ...(dealId ? { dealId } : {}) },
      }),
    onSuccess: () => toast.success(t("calling", { phone })),
    onError: (error) => toast.error(t("callFailed", { message: errorMessage(error) })),
  });
  return (
    <span className={cn("inline-flex min-w-0 items-center gap-1", className)}>
      {!compact && <span className="truncate tabular-nums">{phone}</span>}
      <button
        type="button"
        data-testid="click-to-call"
        onClick={(e) => {
          e.stopPropagation();
          call.mutate();
        }}
        disabled={call.isPending}
        title={t("callNumber", { phone })}
        aria-label={t("callNumber", { phone })}
        className="inline-flex size-6 shrink-0 cursor-pointer items-center justify-center rounded-md text-primary transition-colors hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none disabled:opacity-50"
      >
        <Phone className={cn("size-3.5", call.isPending && "animate-pulse")} aria-hidden />
      </button>
    </span>
  );
}
