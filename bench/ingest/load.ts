import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";

/** Closed-loop load: `concurrency` workers, each sending its next request when the last one is answered. */
export type LoadResult = {
  ok: number;
  errors: number;
  firstError?: string;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** The longest time without a single answer, and when (ms into the run): a server that stalled as a whole. */
  stall?: { ms: number; at: number };
};

/**
 * One kind of request. In `body`, %SEQ% becomes a number new to each request (update and message ids) and
 * %CLIENT% one of `clients` sender ids, so every request is a new event from a known set of people.
 */
export type LoadSpec = {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  clients?: number;
  seq: number;
};

let child: ChildProcess | undefined;

function generator(): ChildProcess {
  if (child && child.exitCode === null) return child;
  // Its own process (kept-alive node:http sockets, one per concurrent worker): the driver shares no event loop.
  child = fork(path.join(import.meta.dirname, "load-worker.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  child.unref();
  return child;
}

export async function runLoad(spec: LoadSpec, concurrency: number, seconds: number): Promise<LoadResult> {
  const worker = generator();
  const answer = await new Promise<{ result?: LoadResult & { nextSeq: number }; error?: string }>((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`the load generator exited with ${code}`));
    worker.once("exit", onExit);
    worker.once("message", (msg) => {
      worker.off("exit", onExit);
      resolve(msg as { result?: LoadResult & { nextSeq: number }; error?: string });
    });
    worker.send({ spec, concurrency, seconds });
  });
  if (!answer.result) throw new Error(`load generator: ${answer.error}`);
  const { nextSeq, ...result } = answer.result;
  spec.seq = nextSeq;
  if (result.firstError) console.warn(`  ${result.errors} errors, first: ${result.firstError}`);
  if (result.stall && result.stall.ms > 1_000) {
    console.warn(
      `  no answer at all for ${Math.round(result.stall.ms)} ms, ${Math.round(result.stall.at)} ms into the run`,
    );
  }
  return result;
}

export function stopLoadGenerator() {
  child?.disconnect();
  child = undefined;
}
