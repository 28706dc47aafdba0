import { ApiError } from "@/lib/api/errors";
import { publicRoute } from "@/lib/api/handler";
import { asService } from "@/lib/db";
import { fileResponse, readUpload, verifyUploadToken } from "@/lib/inbox/media";

/**
 * An upload for the provider that delivers it (Twilio, Meta, Evolution fetch attachments by URL): public,
 * but only through a signed link that expires after an hour (403 when forged or expired).
 */
export const GET = publicRoute({}, async ({ params }) => {
  const id = verifyUploadToken(params.token ?? "");
  if (!id) throw new ApiError("forbidden", "the link is invalid or has expired");
  return fileResponse(await asService((sql) => readUpload(sql, id)), "private, max-age=3600");
});
