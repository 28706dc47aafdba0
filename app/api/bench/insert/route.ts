import { benchInsert } from "@/lib/server/bench-routes";

// Served by lib/server/direct-routes.ts under `npm start`; this file serves it under `next dev`.
export const POST = benchInsert;
