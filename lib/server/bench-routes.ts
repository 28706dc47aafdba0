import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { readRawBody } from "@/lib/api/body";
import { toErrorResponse } from "@/lib/api/handler";
import { asService } from "@/lib/db";

// Routes bench/ingest measures the webhook against; there only when BENCH_ROUTES=1, a switch for benchmarks.
export const benchRoutesEnabled = () => z.literal("1").safeParse(process.env.BENCH_ROUTES).success;

const notFound = () => toErrorResponse(new ApiError("not_found", "not found"));

/** The floor: reads a body and does one INSERT in one service transaction. */
export async function benchInsert(req: Request): Promise<Response> {
  if (!benchRoutesEnabled()) return notFound();
  try {
    const channelId = z.uuid().parse(new URL(req.url).searchParams.get("channelId"));
    const body = new TextDecoder().decode(await readRawBody(req));
    await asService((sql) =>
      sql.query(
        `insert into public.webhook_events (org_id, channel_id, event_id, payload)
         select org_id, id, gen_random_uuid()::text, $2::jsonb from public.channels where id = $1`,
        [channelId, body],
      ),
    );
    return Response.json({});
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** Reads the body and answers a constant, no database: what the serving path itself costs. */
export async function benchNoop(req: Request): Promise<Response> {
  if (!benchRoutesEnabled()) return notFound();
  await req.arrayBuffer();
  return Response.json({});
}
