"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { ArrowLeft, Mail } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { PhoneLink } from "@/components/telephony/phone-link";
import { Avatar } from "@/components/ui/avatar";

/**
 * The frame of a contact's or a company's page: the way back, a skeleton while it loads, the error with a retry,
 * then the page itself.
 */
export function RecordPage<T>({
  query,
  back,
  children,
}: {
  query: UseQueryResult<T>;
  back: { href: string; label: string };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending || query.isError)
    return (
      <div className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-8">
        {query.isError ? (
          <LoadError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <RowsSkeleton rows={6} />
        )}
      </div>
    );
  return (
    <div className="mx-auto grid w-full max-w-6xl gap-5 px-4 py-6 sm:px-8 sm:py-8 [&>*]:min-w-0">
      <Link
        href={back.href}
        className="inline-flex items-center gap-1 justify-self-start text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" aria-hidden />
        {back.label}
      </Link>
      {children(query.data)}
    </div>
  );
}

/**
 * The record's name with its ways of reaching it: the phone calls when clicked (through the member's
 * telephony), the email opens the mail client; `extra` adds facts of its own (a website, the company).
 */
export function RecordHeader({
  name,
  title,
  testId,
  square,
  phone,
  email,
  contactId,
  extra,
  below,
  actions,
}: {
  name: string;
  title: string;
  testId: string;
  square?: boolean;
  phone?: string | null;
  email?: string | null;
  contactId?: string;
  extra?: ReactNode;
  below?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="flex flex-wrap items-start gap-4">
      <Avatar name={name || "?"} square={square} className="size-12 text-base" />
      <div className="min-w-0 flex-1">
        <h1 className="truncate text-xl font-semibold tracking-tight" data-testid={testId}>
          {title}
        </h1>
        <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-muted-foreground">
          {phone && <PhoneLink phone={phone} contactId={contactId} />}
          {email && (
            <a href={`mailto:${email}`} className="inline-flex items-center gap-1 hover:underline">
              <Mail className="size-3.5" aria-hidden />
              {email}
            </a>
          )}
          {extra}
        </div>
        {below}
      </div>
      {actions}
    </header>
  );
}
