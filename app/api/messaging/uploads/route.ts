import { ApiError } from "@/lib/api/errors";
import { orgRoute, toErrorResponse } from "@/lib/api/handler";
import { MAX_UPLOAD_BYTES, storeUpload } from "@/lib/inbox/media";

/** Room for the multipart envelope around the file. */
const ENVELOPE_BYTES = 64 * 1024;

async function fileOf(req: Request): Promise<File> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES + ENVELOPE_BYTES) {
    throw new ApiError("payload_too_large", `file over ${MAX_UPLOAD_BYTES} bytes`);
  }
  if (!req.headers.get("content-type")?.startsWith("multipart/form-data")) {
    throw new ApiError("bad_request", "body: expected multipart/form-data with a file field");
  }
  const form = await req.formData().catch(() => {
    throw new ApiError("bad_request", "body: not valid multipart/form-data");
  });
  const file = form.get("file");
  if (!(file instanceof File)) throw new ApiError("bad_request", "file: is required");
  return file;
}

/**
 * Stores one attachment for a reply (201 with its id, name, type, size): multipart/form-data, field "file",
 * up to 16 MB (413), types on the allow-list (400). The body is read before the transaction opens, so a slow
 * client does not hold a database connection.
 */
export async function POST(req: Request, args: { params: Promise<Record<string, string>> }) {
  let file: File;
  try {
    file = await fileOf(req);
  } catch (error) {
    return toErrorResponse(error);
  }
  return orgRoute({ role: "agent" }, async ({ sql, orgId }) =>
    Response.json(await storeUpload(sql, orgId, file), { status: 201 }),
  )(req, args);
}
