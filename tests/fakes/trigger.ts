import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface TriggeredRun {
  id: string;
  taskId: string;
  authorization: string | undefined;
  /** The request body as @trigger.dev/core's ApiClient.triggerTask sends it. */
  body: { payload?: unknown; options?: Record<string, unknown> };
}

/**
 * The part of the Trigger.dev API that tasks.trigger() calls: POST /api/v1/tasks/:taskId/trigger with
 * a Bearer secret key, answering { id } of the new run. A wrong key gets 401 as the real API answers.
 */
export async function startTriggerFake(secretKey: string, options: { delayMs?: number } = {}) {
  const runs: TriggeredRun[] = [];
  // Requests being answered at once, and the most seen: whether callers wait for one before the next.
  const load = { inFlight: 0, maxInFlight: 0 };
  const server = createServer(async (req, res) => {
    load.maxInFlight = Math.max(load.maxInFlight, ++load.inFlight);
    res.once("finish", () => load.inFlight--);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const match = /^\/api\/v1\/tasks\/([^/]+)\/trigger$/.exec(req.url ?? "");
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST" || !match) return json(404, { error: "Not found" });
    if (req.headers.authorization !== `Bearer ${secretKey}`) return json(401, { error: "Invalid API Key" });
    const id = `run_${randomBytes(10).toString("hex")}`;
    runs.push({
      id,
      taskId: decodeURIComponent(match[1]),
      authorization: req.headers.authorization,
      body: JSON.parse(await text(req)),
    });
    json(200, { id, isCached: false });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    runs,
    load,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function text(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
