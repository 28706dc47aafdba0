import { benchNoop } from "@/lib/server/bench-routes";

// Next.js's own ceiling on this machine (bench/ingest prints it beside the direct routes' floor).
export const POST = benchNoop;
