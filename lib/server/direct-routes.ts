import type { IncomingMessage, ServerResponse } from "node:http";
import { toErrorResponse } from "@/lib/api/handler";
import { answerDelivery, webhookRequest } from "@/lib/inbox/ingest";
import { logger } from "@/lib/log";
import { answerTelephonyDelivery, telephonyWebhookPaths } from "@/lib/telephony/webhook";
import { benchInsert } from "./bench-routes";
import { nodeHeaders, nodeUrl, readNodeBody, sendResponse } from "./node-fetch";

/**
 * Requests server.mjs answers on node:http before Next.js: provider webhook deliveries, the one path whose
 * volume the outside world sets (a busy WhatsApp number sends ~1,000 events/s with its status callbacks).
 * They take no session, page or proxy, so this skips only what they never needed; the storing is the same
 * code app/api/webhooks runs (it still serves the GET handshakes, and everything under `next dev`).
 */
async function webhook(req: IncomingMessage, provider: string, channelId: string): Promise<Response> {
  const headers = nodeHeaders(req);
  const rawBody = await readNodeBody(req);
  const request = { ...webhookRequest({ url: nodeUrl(req), method: "POST", headers }), rawBody };
  // Telephony webhooks (seed 001's bridge, Retell) share the path shape but not the inbox's store.
  if (telephonyWebhookPaths.includes(provider)) return answerTelephonyDelivery(provider, channelId, request);
  return answerDelivery({ provider, channelId, request });
}

const WEBHOOK = /^\/api\/webhooks\/([^/?#]+)\/([^/?#]+)\/?(?:[?#]|$)/;
// The bench's floor, served the same way as the webhook (BENCH_ROUTES=1 only).
const BENCH_INSERT = "/api/bench/insert";

function answer(res: ServerResponse, response: Promise<Response>) {
  response
    .catch(toErrorResponse)
    // A body refused (413) may not have been read to its end (past DRAIN_BYTES): that connection is done.
    .then((r) => sendResponse(res, r, r.status === 413))
    .catch((err: unknown) => logger.warn({ err }, "could not send a direct route's answer"));
}

/** Answers the request and returns true when it is a direct route; false leaves it to Next.js. */
export function directRoute(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "/";
  if (req.method !== "POST" || !url.startsWith("/api/")) return false;
  const match = WEBHOOK.exec(url);
  if (match) {
    answer(res, webhook(req, match[1], match[2]));
    return true;
  }
  if (url.split("?")[0] !== BENCH_INSERT) return false;
  answer(
    res,
    readNodeBody(req).then((body) =>
      benchInsert(new Request(nodeUrl(req), { method: "POST", body: new Uint8Array(body) })),
    ),
  );
  return true;
}
