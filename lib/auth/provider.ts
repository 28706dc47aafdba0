import { env } from "@/lib/env";
import { builtinAuth } from "./builtin";
import { supabaseAuth } from "./supabase";
import type { AuthProvider } from "./types";

/** The one switch: Supabase Auth when the project is configured, the built-in provider otherwise. */
export function authProvider(): AuthProvider {
  return env().NEXT_PUBLIC_SUPABASE_URL ? supabaseAuth : builtinAuth;
}
