"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorMessage } from "@/lib/client/use-error-message";

export const isEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

type Rule = "required" | "email" | "password";

/**
 * Field checks in the UI's language (the browser's own bubbles speak the browser's language and vanish on
 * blur), plus one form-level error from the server.
 */
export function useAuthForm<F extends string>(rules: Record<F, Rule[]>) {
  const t = useTranslations("errors");
  const errorMessage = useErrorMessage();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<F, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [pending, setPending] = useState(false);

  function check(form: HTMLFormElement) {
    const data = new FormData(form);
    const values = {} as Record<F, string>;
    const errors: Partial<Record<F, string>> = {};
    for (const field of Object.keys(rules) as F[]) {
      const value = String(data.get(field) ?? "");
      values[field] = value;
      for (const rule of rules[field]) {
        if (rule === "required" && !value.trim()) errors[field] ??= t("required");
        if (rule === "email" && value.trim() && !isEmail(value)) errors[field] ??= t("invalidEmail");
        if (rule === "password" && value && value.length < 8) errors[field] ??= t("passwordTooShort");
      }
    }
    setFieldErrors(errors);
    const first = Object.keys(errors)[0];
    if (first) (form.elements.namedItem(first) as HTMLElement | null)?.focus();
    return first ? null : values;
  }

  /** Runs the request; on failure shows the error and gives the button back. Success navigates away. */
  async function submit(form: HTMLFormElement, run: (values: Record<F, string>) => Promise<void>) {
    const values = check(form);
    if (!values) return;
    setFormError(undefined);
    setPending(true);
    try {
      await run(values);
    } catch (error) {
      setFormError(errorMessage(error));
      setPending(false);
    }
  }

  const fieldProps = (field: F) => ({
    id: field,
    name: field,
    "aria-invalid": fieldErrors[field] ? true : undefined,
    "aria-describedby": fieldErrors[field] ? `${field}-error` : undefined,
  });

  return { fieldErrors, formError, pending, submit, fieldProps };
}
