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
  /** What GET /api/v3/runs/:id reports; tests move it along with setRun(). */
  state: RunState;
}

export type RunState = {
  status: "QUEUED" | "EXECUTING" | "COMPLETED" | "FAILED" | "CANCELED";
  metadata: Record<string, unknown>;
  output?: unknown;
  error?: { message: string };
};

/**
 * The part of the Trigger.dev API the SDK calls to start runs: POST /api/v1/tasks/:taskId/trigger (tasks.trigger,
 * answering { id } of the new run), and batch.trigger's two phases, POST /api/v3/batches ({ runCount } → a batch
 * id) then POST /api/v3/batches/:id/items with one NDJSON line per run; and GET /api/v3/runs/:id (runs.retrieve),
 * a run's status, metadata and output as the test sets them (setRun). Every call needs the Bearer secret
 * key; a wrong one gets 401 as the real API answers. `delayMs` makes each answer that much slower.
 */
export async function startTriggerFake(secretKey: string, options: { delayMs?: number } = {}) {
  const runs: TriggeredRun[] = [];
  const batches = new Map<string, { runCount: number }>();
  // Requests being answered at once, the most seen, and every request's path.
  // The same idempotency key gets the run it started before, as the real API answers (batch items alike).
  const earlierRun = (taskId: string, body: TriggeredRun["body"]) => {
    const key = body.options?.idempotencyKey;
    return key ? runs.find((r) => r.taskId === taskId && r.body.options?.idempotencyKey === key) : undefined;
  };
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
    const retrieve = /^\/api\/v3\/runs\/([^/]+)$/.exec(url);
    if (req.method === "GET" && retrieve) {
      const run = runs.find((r) => r.id === decodeURIComponent(retrieve[1]));
      return run ? json(200, runResponse(run)) : json(404, { error: "Run not found" });
    }
    if (req.method === "POST" && single) {
      const id = `run_${randomBytes(10).toString("hex")}`;
      const body = JSON.parse(await text(req)) as TriggeredRun["body"];
      const taskId = decodeURIComponent(single[1]);
      const earlier = earlierRun(taskId, body);
      if (earlier) return json(200, { id: earlier.id, isCached: true });
      runs.push({ id, taskId, authorization, body, state: initialState(body) });
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
      let deduplicated = 0;
      for (const line of lines) {
        const item = JSON.parse(line) as { task: string; payload?: unknown; options?: Record<string, unknown> };
        const body = { payload: item.payload, options: item.options };
        if (earlierRun(item.task, body)) {
          deduplicated++;
          continue;
        }
        const id = `run_${randomBytes(10).toString("hex")}`;
        runs.push({ id, taskId: item.task, authorization, body, batchId, state: initialState(body) });
      }
      const sealed = lines.length === batches.get(batchId)!.runCount;
      return json(200, {
        id: batchId,
        itemsAccepted: lines.length - deduplicated,
        itemsDeduplicated: deduplicated,
        sealed,
      });
    }
    return json(404, { error: "Not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    runs,
    load,
    /** Moves a run along: what runs.retrieve() sees next. */
    setRun: (id: string, state: Partial<RunState>) => {
      const run = runs.find((r) => r.id === id);
      if (!run) throw new Error(`no run ${id}`);
      run.state = { ...run.state, ...state, metadata: { ...run.state.metadata, ...state.metadata } };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const initialState = (body: TriggeredRun["body"]): RunState => ({
  status: "QUEUED",
  metadata: { ...(body.options?.metadata as Record<string, unknown> | undefined) },
});

/** GET /api/v3/runs/:id's body (RetrieveRunResponse in @trigger.dev/core). */
function runResponse(run: TriggeredRun) {
  const { status, metadata, output, error } = run.state;
  const now = new Date().toISOString();
  const done = ["COMPLETED", "FAILED", "CANCELED"].includes(status);
  return {
    id: run.id,
    status,
    taskIdentifier: run.taskId,
    idempotencyKey: run.body.options?.idempotencyKey,
    isQueued: status === "QUEUED",
    isExecuting: status === "EXECUTING",
    isWaiting: false,
    isCompleted: done,
    isSuccess: status === "COMPLETED",
    isFailed: status === "FAILED",
    isCancelled: status === "CANCELED",
    isTest: false,
    createdAt: now,
    updatedAt: now,
    tags: (run.body.options?.tags as string[] | undefined) ?? [],
    costInCents: 0,
    baseCostInCents: 0,
    durationMs: 0,
    metadata,
    depth: 0,
    triggerFunction: run.batchId ? "batchTrigger" : "trigger",
    batchId: run.batchId,
    output,
    error: error && { name: "Error", message: error.message },
    relatedRuns: {},
    attemptCount: done ? 1 : 0,
  };
}

async function text(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
