import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface TriggeredRun {
  id: string;
  taskId: string;
  authorization: string | undefined;
  /** The request body as @trigger.dev/core's ApiClient.triggerTask sends it (one batch item alike). */
  body: { payload?: unknown; options?: Record<string, unknown> };
  /** The batch it came in, when it did. */
  batchId?: string;
}

/**
 * The part of the Trigger.dev API the SDK calls to start runs: POST /api/v1/tasks/:taskId/trigger (tasks.trigger,
 * answering { id } of the new run), and batch.trigger's two phases, POST /api/v3/batches ({ runCount } → a batch
 * id) then POST /api/v3/batches/:id/items with one NDJSON line per run. Every call needs the Bearer secret
 * key; a wrong one gets 401 as the real API answers. `delayMs` makes each answer that much slower.
 */
export async function startTriggerFake(secretKey: string, options: { delayMs?: number } = {}) {
  const runs: TriggeredRun[] = [];
  const batches = new Map<string, { runCount: number }>();
  // Requests being answered at once, the most seen, and every request's path.
  const load = { inFlight: 0, maxInFlight: 0, requests: [] as string[] };
  const server = createServer(async (req, res) => {
    load.maxInFlight = Math.max(load.maxInFlight, ++load.inFlight);
    load.requests.push(req.url ?? "");
    res.once("finish", () => load.inFlight--);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const authorization = req.headers.authorization;
    if (authorization !== `Bearer ${secretKey}`) return json(401, { error: "Invalid API Key" });
    const url = req.url ?? "";
    const single = /^\/api\/v1\/tasks\/([^/]+)\/trigger$/.exec(url);
    const items = /^\/api\/v3\/batches\/([^/]+)\/items$/.exec(url);
    if (req.method === "POST" && single) {
      const id = `run_${randomBytes(10).toString("hex")}`;
      runs.push({ id, taskId: decodeURIComponent(single[1]), authorization, body: JSON.parse(await text(req)) });
      return json(200, { id, isCached: false });
    }
    if (req.method === "POST" && url === "/api/v3/batches") {
      const { runCount } = JSON.parse(await text(req)) as { runCount: number };
      const id = `batch_${randomBytes(10).toString("hex")}`;
      batches.set(id, { runCount });
      return json(200, { id, runCount, isCached: false });
    }
    if (req.method === "POST" && items && batches.has(items[1])) {
      const batchId = items[1];
      const lines = (await text(req)).split("\n").filter(Boolean);
      for (const line of lines) {
        const item = JSON.parse(line) as { task: string; payload?: unknown; options?: Record<string, unknown> };
        const id = `run_${randomBytes(10).toString("hex")}`;
        runs.push({
          id,
          taskId: item.task,
          authorization,
          body: { payload: item.payload, options: item.options },
          batchId,
        });
      }
      const sealed = lines.length === batches.get(batchId)!.runCount;
      return json(200, { id: batchId, itemsAccepted: lines.length, itemsDeduplicated: 0, sealed });
    }
    return json(404, { error: "Not found" });
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
