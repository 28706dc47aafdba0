import { z } from "zod";
import { env } from "@/lib/env";
import { GraphError, graphRequest } from "./graph";
import type { WhatsAppCloudChannel } from "./whatsapp";

// Inbound WhatsApp media arrive as ids: GET /{media-id} gives a short-lived URL on Meta's CDN, which wants the
// same Bearer token (../shared/wire/meta.md §3, recorded). Instagram attachments carry a plain CDN URL instead.

const mediaInfo = z.object({
  url: z.string().url(),
  mime_type: z.string().optional(),
  file_size: z.number().optional(),
  sha256: z.string().optional(),
});

/** The token goes only to Meta's hosts (or the configured Graph host, a fake in tests). */
function mayCarryToken(url: URL) {
  const graphHost = new URL(env().META_GRAPH_API_URL).host;
  if (url.host === graphHost) return true;
  return (
    url.protocol === "https:" &&
    [".fbsbx.com", ".facebook.com", ".whatsapp.net", ".fbcdn.net"].some((d) => url.hostname.endsWith(d))
  );
}

export async function fetchWhatsAppMedia(channel: WhatsAppCloudChannel, mediaId: string) {
  if (!/^\d{1,32}$/.test(mediaId)) throw new GraphError("not a WhatsApp media id", 400);
  const { accessToken } = channel.secrets;
  const info = mediaInfo.parse(await graphRequest({ path: mediaId, accessToken }));
  const url = new URL(info.url);
  if (!mayCarryToken(url)) throw new GraphError(`media URL on an unexpected host ${url.host}`, 502);
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${accessToken}` },
    signal: AbortSignal.timeout(60_000),
  });
  if (!res.ok || !res.body) throw new GraphError(`media download failed: HTTP ${res.status}`, res.status);
  return {
    body: res.body,
    mimeType: info.mime_type ?? res.headers.get("content-type") ?? "application/octet-stream",
    size: info.file_size,
    sha256: info.sha256,
  };
}
