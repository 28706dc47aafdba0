import { env } from "@/lib/env";
import { supabaseAuth } from "./supabase";
import { verifyAccessToken } from "./tokens";

/** Token verification alone, without the database: what the proxy needs on every request. */
export function verifyToken(token: string) {
  return env().NEXT_PUBLIC_SUPABASE_URL ? supabaseAuth.verify(token) : verifyAccessToken(token);
}
