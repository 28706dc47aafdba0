import { publicRoute } from "@/lib/api/handler";
import { sessionResponse } from "@/lib/auth/flows";
import { authProvider } from "@/lib/auth/provider";
import { signInSchema } from "@/lib/auth/types";

export const POST = publicRoute({ body: signInSchema }, async ({ body }) =>
  sessionResponse(await authProvider().signIn(body)),
);
