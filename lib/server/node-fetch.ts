import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "@/lib/api/errors";
import { MAX_BODY_BYTES } from "@/lib/api/body";

/** The request's headers as fetch Headers, in the order they came. */
export function nodeHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  return headers;
}

/** The URL as the server received it (route handlers get the same from Next.js). */
export const nodeUrl = (req: IncomingMessage) => `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;

/**
 * Reads the body, refusing more than maxBytes as it streams in (lib/api/body.ts does the same for fetch
 * requests; a web stream per request costs a visible share of a webhook's time, so this path keeps Node's).
 */
export function readNodeBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new ApiError("payload_too_large", `body over ${maxBytes} bytes`);
    if (Number(req.headers["content-length"] ?? 0) > maxBytes) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) return void chunks.push(chunk);
      // Stop reading; the 413 goes out with `connection: close` and the rest is never buffered.
      req.off("data", onData).pause();
      reject(tooLarge());
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks, size)));
    req.once("error", reject);
  });
}

/** Writes a fetch Response to a node:http response. */
export async function sendResponse(res: ServerResponse, response: Response, close = false): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = { "content-length": String(body.byteLength) };
  response.headers.forEach((value, key) => (headers[key] = value));
  if (close) headers.connection = "close";
  res.writeHead(response.status, headers).end(body);
}
