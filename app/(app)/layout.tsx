import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AuthFrame } from "@/components/auth/auth-frame";
import { NoOrganization } from "@/components/shell/no-organization";
import { AppShell } from "@/components/shell/app-shell";
import { loadMe } from "./load-me";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const loaded = await loadMe();
  if (loaded.kind === "signed-out") {
    // The token still verifies but its session has ended (signed out on another device).
    redirect("/sign-in?ended=1");
  }
  if (loaded.kind === "no-organization") {
    return (
      <AuthFrame signedIn>
        <NoOrganization />
      </AuthFrame>
    );
  }
  return (
    <AppShell me={loaded.me} expiresAt={loaded.expiresAt}>
      {children}
    </AppShell>
  );
}
