import type { Op } from "@/lib/api/openapi";
import { providerStatusSchema } from "@/lib/ai/provider-status";
import { importRunSchema, latestImportSchema } from "@/lib/channels/evolution/import-status";
import { importBodySchema, importStartedSchema } from "./import";
import { leadViewSchema } from "./lead-view";
import { createLeadSchema, updateLeadSchema } from "./leads";
import { leadDetailSchema, leadFiltersSchema, leadsPageSchema, leadsQuerySchema, leadStatsSchema } from "./queries";
import { activeAnalysisSchema, analysisRunSchema, analyzeBodySchema } from "./run";

// Dialog analysis and lead scoring (seed 004's /dialogs API) in /api/openapi.json.
export const dialogsOperations: Op[] = [
  {
    method: "post",
    path: "/api/dialogs/analyze",
    summary: "Analyse and score every dialog with enough client messages (202 while running, 200 when `wait` and done)",
    tag: "dialogs",
    body: analyzeBodySchema,
    response: analysisRunSchema,
    status: 202,
  },
  {
    method: "get",
    path: "/api/dialogs/analyze/{jobId}",
    summary: "A batch analysis: status, progress and stats",
    tag: "dialogs",
    response: analysisRunSchema,
  },
  {
    method: "get",
    path: "/api/dialogs/analyze",
    summary: "The batch analysis queued or running now, if any",
    tag: "dialogs",
    response: activeAnalysisSchema,
  },
  {
    method: "post",
    path: "/api/dialogs/analyze/{jobId}/cancel",
    summary: "Stop a running batch analysis (status cancelled; finished dialogs are kept; 409 once it ended)",
    tag: "dialogs",
    response: analysisRunSchema,
  },
  {
    method: "get",
    path: "/api/ai/status",
    summary: "Since when OpenAI's quota is exhausted (replies are offline drafts meanwhile); null while it answers",
    tag: "ai",
    response: providerStatusSchema,
  },
  {
    method: "get",
    path: "/api/dialogs/analysis",
    summary: "Scored leads with seed 004's filters",
    tag: "dialogs",
    query: leadsQuerySchema,
    response: leadsPageSchema,
  },
  {
    method: "get",
    path: "/api/dialogs/analysis/{id}",
    summary: "A lead with its analysis, score reasons and transcript",
    tag: "dialogs",
    response: leadDetailSchema,
  },
  { method: "delete", path: "/api/dialogs/analysis/{id}", summary: "Delete a lead", tag: "dialogs", status: 204 },
  {
    method: "get",
    path: "/api/dialogs/stats",
    summary: "Lead statistics by interest level, stage and source",
    tag: "dialogs",
    query: leadFiltersSchema,
    response: leadStatsSchema,
  },
  {
    method: "get",
    path: "/api/dialogs/export-csv",
    summary: "The filtered leads as CSV (UTF-8 with BOM)",
    tag: "dialogs",
    query: leadsQuerySchema.omit({ limit: true, offset: true }),
  },
  {
    method: "post",
    path: "/api/dialogs/leads",
    summary: "Create a lead by hand (scored from its stage)",
    tag: "dialogs",
    body: createLeadSchema,
    response: leadViewSchema,
    status: 201,
  },
  {
    method: "patch",
    path: "/api/dialogs/leads/{id}",
    summary: "Correct a lead; its score is computed again",
    tag: "dialogs",
    body: updateLeadSchema,
    response: leadViewSchema,
  },
  {
    method: "post",
    path: "/api/channels/{id}/import",
    summary: "Import an Evolution channel's dialogs from its database",
    tag: "channels",
    body: importBodySchema,
    response: importStartedSchema,
    status: 202,
  },
  {
    method: "get",
    path: "/api/channels/{id}/import",
    summary: "The channel's latest import: status, counts (conversations, messages, skipped, errors) and failure",
    tag: "channels",
    response: latestImportSchema,
  },
  {
    method: "get",
    path: "/api/channels/{id}/import/{jobId}",
    summary: "One import: status, counts so far or final, and why it failed",
    tag: "channels",
    response: importRunSchema,
  },
];
