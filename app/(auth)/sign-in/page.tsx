import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { SignInForm } from "@/components/auth/sign-in-form";
import { FormAlert } from "@/components/auth/form-alert";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signIn"))("submit") };
}

type Props = { searchParams: Promise<{ next?: string; email?: string; ended?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { next, email, ended } = await searchParams;
  const t = await getTranslations("auth.signIn");
  return (
    <>
      <AuthHeading title={t("title")} subtitle={t("subtitle")} />
      {ended && (
        <div className="mb-5">
          <FormAlert message={t("sessionEnded")} />
        </div>
      )}
      <SignInForm next={next} email={email} />
    </>
  );
}
