import { z } from "zod";

// Next.js's own ceiling on this machine: a route that reads the body and answers a constant, no database.
// bench/ingest prints it beside the floor; only there when BENCH_ROUTES=1.
const enabled = () => z.literal("1").safeParse(process.env.BENCH_ROUTES).success;

export async function POST(req: Request) {
  if (!enabled()) return Response.json({ error: { code: "not_found", message: "not found" } }, { status: 404 });
  await req.arrayBuffer();
  return Response.json({});
}
