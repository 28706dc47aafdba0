"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { api } from "@/lib/client/api";
import { hardNavigate } from "@/lib/client/session";
import { safeNext, syncLocaleAfterSignIn } from "@/lib/client/locale";
import { FormAlert } from "./form-alert";
import { PasswordInput } from "./password-input";
import { useAuthForm } from "./use-auth-form";

export function SignInForm({ next, email }: { next?: string; email?: string }) {
  const t = useTranslations("auth");
  const form = useAuthForm({ email: ["required", "email"], password: ["required"] });
  const signUpHref = next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up";

  return (
    <form
      noValidate
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(e.currentTarget, async ({ email, password }) => {
          await api("/api/auth/signin", { method: "POST", body: { email, password }, session: false });
          await syncLocaleAfterSignIn();
          // A full load: nothing from a previous user's session may survive in memory.
          hardNavigate(safeNext(next));
        });
      }}
    >
      <Field label={t("fields.email")} htmlFor="email" error={form.fieldErrors.email}>
        <Input
          {...form.fieldProps("email")}
          type="email"
          autoComplete="email"
          autoFocus={!email}
          defaultValue={email}
          placeholder={t("fields.emailPlaceholder")}
        />
      </Field>
      <Field label={t("fields.password")} htmlFor="password" error={form.fieldErrors.password}>
        <PasswordInput {...form.fieldProps("password")} autoComplete="current-password" autoFocus={!!email} />
      </Field>
      <FormAlert message={form.formError} />
      <Button type="submit" size="lg" loading={form.pending} className="mt-1 w-full">
        {t("signIn.submit")}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        {t("signIn.noAccount")}{" "}
        <Link href={signUpHref} className="font-medium text-primary hover:underline">
          {t("signIn.createAccount")}
        </Link>
      </p>
    </form>
  );
}
