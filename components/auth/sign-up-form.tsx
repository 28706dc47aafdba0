"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { api } from "@/lib/client/api";
import { hardNavigate } from "@/lib/client/session";
import { safeNext, saveLocale } from "@/lib/client/locale";
import { isLocale } from "@/lib/i18n/config";
import { FormAlert } from "./form-alert";
import { PasswordInput } from "./password-input";
import { useAuthForm } from "./use-auth-form";

/**
 * A new account with a new organisation, or, given an invitation token, an account that joins the
 * inviting organisation (then the email is prefilled and there is no organisation name to ask for).
 */
export function SignUpForm({
  next,
  invitationToken,
  email,
  submitLabel,
}: {
  next?: string;
  invitationToken?: string;
  email?: string;
  submitLabel?: string;
}) {
  const t = useTranslations("auth");
  const locale = useLocale();
  const form = useAuthForm({
    name: ["required"],
    email: ["required", "email"],
    password: ["required", "password"],
    organizationName: invitationToken ? [] : ["required"],
  });
  const signInHref = next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in";

  return (
    <form
      noValidate
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(e.currentTarget, async ({ name, email, password, organizationName }) => {
          const language = isLocale(locale) ? locale : undefined;
          const body = invitationToken
            ? { name, email, password, invitationToken, locale: language }
            : { name, email, password, organizationName, locale: language };
          await api("/api/auth/signup", { method: "POST", body, session: false });
          // The profile starts in English; a user who signed up in Russian keeps Russian everywhere.
          if (isLocale(locale)) await saveLocale(locale, true);
          hardNavigate(safeNext(next));
        });
      }}
    >
      <Field label={t("fields.name")} htmlFor="name" error={form.fieldErrors.name}>
        <Input {...form.fieldProps("name")} autoComplete="name" autoFocus placeholder={t("fields.namePlaceholder")} />
      </Field>
      <Field label={t("fields.email")} htmlFor="email" error={form.fieldErrors.email}>
        <Input
          {...form.fieldProps("email")}
          type="email"
          autoComplete="email"
          defaultValue={email}
          placeholder={t("fields.emailPlaceholder")}
        />
      </Field>
      <Field
        label={t("fields.password")}
        htmlFor="password"
        error={form.fieldErrors.password}
        hint={t("fields.passwordHint")}
      >
        <PasswordInput {...form.fieldProps("password")} autoComplete="new-password" />
      </Field>
      {!invitationToken && (
        <Field label={t("fields.organization")} htmlFor="organizationName" error={form.fieldErrors.organizationName}>
          <Input
            {...form.fieldProps("organizationName")}
            autoComplete="organization"
            placeholder={t("fields.organizationPlaceholder")}
          />
        </Field>
      )}
      <FormAlert message={form.formError} />
      <Button type="submit" size="lg" loading={form.pending} className="mt-1 w-full">
        {submitLabel ?? t("signUp.submit")}
      </Button>
      {!invitationToken && (
        <p className="text-center text-sm text-muted-foreground">
          {t("signUp.haveAccount")}{" "}
          <Link href={signInHref} className="font-medium text-primary hover:underline">
            {t("signUp.signIn")}
          </Link>
        </p>
      )}
    </form>
  );
}
