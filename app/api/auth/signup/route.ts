import { publicRoute } from "@/lib/api/handler";
import { sessionResponse, signUp } from "@/lib/auth/flows";
import { signUpSchema } from "@/lib/auth/types";

export const POST = publicRoute({ body: signUpSchema }, async ({ body }) => sessionResponse(await signUp(body), 201));
