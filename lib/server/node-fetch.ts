import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "@/lib/api/errors";
import { DRAIN_BYTES, MAX_BODY_BYTES } from "@/lib/api/body";

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
 * Past the limit the rest is read and dropped, up to DRAIN_BYTES, before the 413 is answered: a client still
 * writing when the socket closes sees a reset instead of the answer.
 */
export function readNodeBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new ApiError("payload_too_large", `body over ${maxBytes} bytes`);
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes + DRAIN_BYTES) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes && declared <= maxBytes) return void chunks.push(chunk);
      chunks.length = 0;
      if (size > maxBytes + DRAIN_BYTES) {
        // Enough drained: answer now; the 413 goes out with `connection: close`.
        req.pause();
        reject(tooLarge());
      }
    });
    req.once("end", () =>
      size > maxBytes || declared > maxBytes ? reject(tooLarge()) : resolve(Buffer.concat(chunks, size)),
    );
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
