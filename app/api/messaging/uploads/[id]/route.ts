import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { fileResponse, readUpload } from "@/lib/inbox/media";

const paramsSchema = z.object({ id: z.uuid() });

/** An uploaded attachment, for members of its organisation (RLS); 404 otherwise. */
export const GET = orgRoute({}, async ({ sql, params }) => {
  const { id } = parseWith(paramsSchema, params, "params");
  return fileResponse(await readUpload(sql, id));
});
