import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { appUrl } from "@/lib/app-url";
import { adapterFor } from "@/lib/channels/registry";
import { loadChannelRecord } from "@/lib/channels/store";
import { mediaSchema, type FetchedMedia, type Media } from "@/lib/channels/types";
import { asService, type Sql } from "@/lib/db";
import { logger } from "@/lib/log";
import { secrets } from "@/lib/secrets";

/** Inbound media streamed to members: more than this is refused (413) rather than tying up the server. */
export const MAX_MEDIA_BYTES = 25 * 1024 * 1024;
/** WhatsApp's own limit for documents; the others are lower, and the provider says so on send. */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;
const TOKEN_TTL_SECONDS = 3600;

export const uploadMimeTypes = new Set([
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/webp",
  "video/mp4",
  "video/3gpp",
  "audio/mpeg",
  "audio/ogg",
  "audio/mp4",
  "audio/aac",
  "audio/amr",
  "audio/webm",
  "application/pdf",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/zip",
  "text/plain",
  "text/csv",
]);

// ---- Responses -------------------------------------------------------------------------------------------

/** Shown in the page (not downloaded) only for types a browser renders without running code: never SVG or HTML. */
const inlineType = (mime: string) => /^(image\/(jpeg|png|gif|webp)|audio\/|video\/)/.test(mime);

export function fileResponse(file: FetchedMedia, cacheControl = "private, max-age=3600") {
  const name = (file.fileName ?? "file").replace(/[\r\n"\\]/g, "_");
  const ascii = name.replace(/[^\x20-\x7e]/g, "_");
  const headers = new Headers({
    "content-type": file.mimeType,
    "content-disposition": `${inlineType(file.mimeType) ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    "cache-control": cacheControl,
    "x-content-type-options": "nosniff",
    "content-security-policy": "sandbox; default-src 'none'",
  });
  if (file.size !== undefined) headers.set("content-length", String(file.size));
  return new Response(file.body as BodyInit, { status: 200, headers });
}

const badGateway = (message: string) =>
  Response.json({ error: { code: "bad_gateway", message } }, { status: 502, headers: { "cache-control": "no-store" } });

/** Passes the bytes through, erroring the stream past the cap when the provider did not say the size up front. */
function capped(body: FetchedMedia["body"], max: number): FetchedMedia["body"] {
  if (body instanceof Uint8Array) return body;
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > max) controller.error(new Error(`media over ${max} bytes`));
        else controller.enqueue(chunk);
      },
    }),
  );
}

// ---- Inbound media ---------------------------------------------------------------------------------------

type MediaTarget = { orgId: string; channelId: string; media: Media };

/** The attachment if the caller can read its message (RLS); 404 for another organisation's or a wrong index. */
export async function findMessageMedia(sql: Sql, messageId: string, index: number): Promise<MediaTarget> {
  const [row] = await sql.query<{ org_id: string; channel_id: string; media: unknown }>(
    "select org_id, channel_id, media from public.messages where id = $1",
    [messageId],
  );
  const media = Array.isArray(row?.media) ? mediaSchema.safeParse(row.media[index]) : undefined;
  if (!row || !media?.success) throw new ApiError("not_found", "no such attachment");
  return { orgId: row.org_id, channelId: row.channel_id, media: media.data };
}

/**
 * Downloads it from the provider with the channel's credentials (outside the member's transaction: a slow
 * provider must not hold a database connection) and streams it on.
 */
export async function streamMessageMedia({ orgId, channelId, media }: MediaTarget): Promise<Response> {
  const channel = await asService((sql) => loadChannelRecord(sql, channelId, { orgId }));
  if (!channel) throw new ApiError("not_found", "the attachment's channel was removed");
  const adapter = adapterFor(channel.type);
  if (!adapter.fetchMedia) throw new ApiError("not_found", `${channel.type} attachments cannot be downloaded`);
  let file: FetchedMedia;
  try {
    file = await adapter.fetchMedia(channel, media);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    logger.warn({ err: error, channelId }, "media download failed");
    return badGateway(`the provider did not give the file: ${detail}`);
  }
  const size = file.size ?? (file.body instanceof Uint8Array ? file.body.byteLength : undefined);
  if (size !== undefined && size > MAX_MEDIA_BYTES) {
    if (file.body instanceof ReadableStream) await file.body.cancel();
    throw new ApiError("payload_too_large", `the file is over ${MAX_MEDIA_BYTES} bytes`);
  }
  return fileResponse({ ...file, size, body: capped(file.body, MAX_MEDIA_BYTES) });
}

// ---- Uploads ---------------------------------------------------------------------------------------------

export type UploadView = { id: string; fileName: string; mimeType: string; size: number; url: string };

/** Where members read an upload; also the url stored in an outbound message's media, which the outbox signs. */
export const uploadPath = (id: string) => `/api/messaging/uploads/${id}`;
const UPLOAD_PATH = /^\/api\/messaging\/uploads\/([0-9a-f-]{36})$/;

export async function storeUpload(sql: Sql, orgId: string, file: File): Promise<UploadView> {
  if (file.size > MAX_UPLOAD_BYTES) throw new ApiError("payload_too_large", `file over ${MAX_UPLOAD_BYTES} bytes`);
  const mimeType = file.type.split(";")[0].trim().toLowerCase();
  if (!uploadMimeTypes.has(mimeType))
    throw new ApiError("bad_request", `file: type ${mimeType || "unknown"} is not allowed`);
  const fileName = (file.name || "file").slice(0, 255);
  const bytes = Buffer.from(await file.arrayBuffer());
  const [row] = await sql.query<{ id: string }>(
    `insert into public.message_uploads (org_id, mime_type, file_name, size, bytes)
     values ($1, $2, $3, $4, $5) returning id`,
    [orgId, mimeType, fileName, bytes.byteLength, bytes],
  );
  return { id: row.id, fileName, mimeType, size: bytes.byteLength, url: uploadPath(row.id) };
}

type UploadRow = { id: string; mime_type: string; file_name: string; size: number; bytes: Uint8Array };

export async function readUpload(sql: Sql, id: string, orgId?: string): Promise<FetchedMedia> {
  const [row] = await sql.query<UploadRow>(
    "select id, mime_type, file_name, size, bytes from public.message_uploads where id = $1 and ($2::uuid is null or org_id = $2)",
    [id, orgId ?? null],
  );
  if (!row) throw new ApiError("not_found", "no such upload");
  return { body: new Uint8Array(row.bytes), mimeType: row.mime_type, fileName: row.file_name, size: row.size };
}

/** The send API's reference to an upload of the caller's organisation. */
export const uploadRefSchema = z.object({ uploadId: z.uuid() });
export const outboundMediaSchema = z.union([uploadRefSchema, mediaSchema]);

/** Turns upload references into media (their members' URL); 400 for an upload the caller cannot see. */
export async function resolveUploads(sql: Sql, orgId: string, items: z.output<typeof outboundMediaSchema>[]) {
  const media: Media[] = [];
  for (const item of items) {
    if (!("uploadId" in item)) {
      media.push(item);
      continue;
    }
    const [row] = await sql.query<Omit<UploadRow, "bytes">>(
      "select id, mime_type, file_name, size from public.message_uploads where org_id = $1 and id = $2",
      [orgId, item.uploadId],
    );
    if (!row) throw new ApiError("bad_request", "media: no such upload");
    media.push({ url: uploadPath(row.id), mimeType: row.mime_type, fileName: row.file_name, size: row.size });
  }
  return media;
}

// ---- Signed links for providers --------------------------------------------------------------------------

const mac = (payload: string) =>
  createHmac("sha256", secrets().jwtSecret).update(`upload:${payload}`).digest("base64url");

/** "<upload id>.<expiry, unix seconds>.<HMAC>": lets a provider download one upload for an hour, without a session. */
export function signUploadToken(id: string, now = Date.now()): string {
  const payload = `${id}.${Math.floor(now / 1000) + TOKEN_TTL_SECONDS}`;
  return `${payload}.${mac(payload)}`;
}

/** The upload id, or undefined for a forged or expired token. */
export function verifyUploadToken(token: string, now = Date.now()): string | undefined {
  const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return undefined;
  const [, id, exp, sig] = match;
  const expected = Buffer.from(mac(`${id}.${exp}`));
  if (!timingSafeEqual(expected, Buffer.from(sig))) return undefined;
  return Number(exp) * 1000 > now ? id : undefined;
}

/** The outbox's view of media: our upload URLs become signed absolute links a provider can fetch. */
export function signedMediaForProvider(media: Media[]): Media[] {
  return media.map((m) => {
    const id = m.url && UPLOAD_PATH.exec(m.url)?.[1];
    return id ? { ...m, url: `${appUrl()}/api/media/${signUploadToken(id)}` } : m;
  });
}
