import { publicRoute } from "@/lib/api/handler";
import { signedOutResponse } from "@/lib/auth/flows";
import { authProvider } from "@/lib/auth/provider";
import { requestToken } from "@/lib/auth/session";

export const POST = publicRoute({}, async ({ req }) => {
  const token = requestToken(req);
  if (token) await authProvider().signOut(token);
  return signedOutResponse();
});
