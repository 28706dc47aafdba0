import { createHmac, timingSafeEqual } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { appUrl } from "@/lib/app-url";
import type { Sql } from "@/lib/db";
import { secrets } from "@/lib/secrets";
import { loadConnectionRecord, type ConnectionRecord } from "./connections";

// Recordings are played through the app: the browser (or RetailCRM) gets /api/calls/:id/recording?exp=&sig=,
// an HMAC over the call id and expiry; the server fetches the provider's URL with the connection's credentials.
// No session is needed to follow a link (RetailCRM has none), so the link itself is the permission: it is
// only made for someone who could read the call, and it expires.

export const RECORDING_LINK_TTL_SECONDS = 60 * 60;
/** Links handed to a third party (RetailCRM's call upload) live a week. */
export const RECORDING_SHARE_TTL_SECONDS = 7 * 24 * 60 * 60;

const mac = (callId: string, exp: number) =>
  createHmac("sha256", secrets().jwtSecret).update(`recording:${callId}:${exp}`).digest("base64url");

export function recordingPath(callId: string, ttlSeconds = RECORDING_LINK_TTL_SECONDS, now = Date.now()): string {
  const exp = Math.floor(now / 1000) + ttlSeconds;
  return `/api/calls/${callId}/recording?exp=${exp}&sig=${mac(callId, exp)}`;
}

export const recordingShareUrl = (callId: string) => `${appUrl()}${recordingPath(callId, RECORDING_SHARE_TTL_SECONDS)}`;

/** Throws 403 unless exp/sig are this call's and not expired. */
export function checkRecordingSignature(callId: string, exp: string | null, sig: string | null, now = Date.now()) {
  const expiry = Number(exp);
  if (!exp || !sig || !Number.isInteger(expiry)) throw new ApiError("forbidden", "the recording link is not signed");
  if (expiry * 1000 < now) throw new ApiError("forbidden", "the recording link has expired");
  const want = Buffer.from(mac(callId, expiry));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got))
    throw new ApiError("forbidden", "the recording link's signature does not match");
}

/** The provider's URL and what to fetch it with (Twilio wants its account's Basic auth and an extension). */
export function recordingRequest(conn: ConnectionRecord, url: string): { url: string; headers: HeadersInit } {
  if (conn.kind === "twilio") {
    const sid = String(conn.config.accountSid ?? "");
    const auth = Buffer.from(`${sid}:${conn.secrets.authToken ?? ""}`).toString("base64");
    const withExt = /\.(mp3|wav)(\?|$)/.test(url) ? url : `${url}.mp3`;
    return { url: withExt, headers: { authorization: `Basic ${auth}` } };
  }
  if (conn.kind === "asterisk_bridge" && conn.secrets.clientId) {
    // Seed 001's bridge authenticates by clientId; recordings it serves take the same.
    return { url, headers: { "x-client-id": conn.secrets.clientId } };
  }
  return { url, headers: {} };
}

/** Streams the call's recording from its provider, passing Range through so the player can seek. */
export async function streamRecording(sql: Sql, callId: string, req: Request): Promise<Response> {
  const [call] = await sql.query<{ connection_id: string; recording_url: string | null }>(
    "select connection_id, recording_url from public.calls where id = $1",
    [callId],
  );
  if (!call?.recording_url) throw new ApiError("not_found", "this call has no recording");
  const conn = await loadConnectionRecord(sql, call.connection_id);
  if (!conn) throw new ApiError("not_found", "this call's connection is gone");
  const { url, headers } = recordingRequest(conn, call.recording_url);
  const range = req.headers.get("range");
  let upstream: Response;
  try {
    upstream = await fetch(url, {
      headers: { ...headers, ...(range ? { range } : {}) },
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    throw new ApiError("unavailable", `the recording could not be fetched: ${(error as Error).message}`);
  }
  if (!upstream.ok || !upstream.body) {
    await upstream.body?.cancel();
    throw new ApiError(
      upstream.status === 404 ? "not_found" : "unavailable",
      `the provider answered ${upstream.status}`,
    );
  }
  const out = new Headers({
    "content-type": upstream.headers.get("content-type") ?? "audio/mpeg",
    "cache-control": "private, max-age=300",
    "accept-ranges": upstream.headers.get("accept-ranges") ?? "bytes",
  });
  for (const h of ["content-length", "content-range"]) {
    const v = upstream.headers.get(h);
    if (v) out.set(h, v);
  }
  return new Response(upstream.body, { status: upstream.status, headers: out });
}
