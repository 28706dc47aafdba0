import type { Op } from "@/lib/api/openapi";
import { createExportBodySchema } from "./kinds";
import { exportSchema, exportsPageSchema } from "./store";

export const exportsOperations: Op[] = [
  {
    method: "post",
    path: "/api/exports",
    summary: "Export in the background: a list or report with the streaming route's query; a job writes the file",
    tag: "exports",
    body: createExportBodySchema,
    response: exportSchema,
    status: 202,
  },
  { method: "get", path: "/api/exports", summary: "The caller's exports", tag: "exports", response: exportsPageSchema },
  { method: "get", path: "/api/exports/{id}", summary: "An export's status", tag: "exports", response: exportSchema },
  {
    method: "get",
    path: "/api/exports/{id}/download",
    summary: "The finished file as CSV (409 until done)",
    tag: "exports",
  },
];
