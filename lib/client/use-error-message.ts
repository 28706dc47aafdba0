"use client";

import { useTranslations } from "next-intl";
import { ApiRequestError } from "./api";

// Server messages the UI knows how to say in the user's language; anything else is shown as the server wrote it.
const KNOWN: Record<string, string> = {
  "Invalid email or password": "invalidCredentials",
  "An account with this email already exists": "emailTaken",
  "an organisation needs at least one owner": "needsOwner",
  "only an owner can change an owner": "ownerOnly",
  "only an owner can make an owner": "ownerOnly",
  "invitation not found or expired": "invitationExpired",
  "invitationToken: the invitation has expired or was used": "invitationExpired",
  "invitation not found": "invitationExpired",
};

const BY_CODE: Record<string, string> = {
  network: "network",
  forbidden: "forbidden",
  rate_limited: "rateLimited",
  unavailable: "unavailable",
  internal: "internal",
};

/** Turns a thrown error into one sentence for a toast or an inline alert. */
export function useErrorMessage() {
  const t = useTranslations("errors");
  return (error: unknown): string => {
    if (!(error instanceof ApiRequestError)) return t("internal");
    const known = KNOWN[error.message];
    if (known) return t(known);
    if (error.code === "forbidden" && error.message.startsWith("needs the")) return t("forbidden");
    if (error.message === "not allowed") return t("forbidden");
    if (error.code === "conflict" && error.message === "already exists") return t("conflict");
    const byCode = BY_CODE[error.code];
    if (byCode && (error.code !== "forbidden" || !error.message)) return t(byCode);
    return error.message || t("internal");
  };
}
