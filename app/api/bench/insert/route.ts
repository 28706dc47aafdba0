import { z } from "zod";
import { toErrorResponse } from "@/lib/api/handler";
import { asService } from "@/lib/db";
import { readRawBody } from "@/lib/api/body";

// The floor bench/ingest measures the webhook against: the same server reading a body and doing one INSERT
// in one service transaction. Only there when BENCH_ROUTES=1, a switch for benchmarks alone.
const enabled = () => z.literal("1").safeParse(process.env.BENCH_ROUTES).success;

export async function POST(req: Request) {
  if (!enabled()) return Response.json({ error: { code: "not_found", message: "not found" } }, { status: 404 });
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
