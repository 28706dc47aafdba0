import { z } from "zod";
import type { Op } from "@/lib/api/openapi";
import { boardFiltersSchema, boardSchema } from "./board";
import { createDealSchema, dealSchema, updateDealSchema } from "./deals";
import { dealsExportQuerySchema } from "./deals-export";
import { dealsPageSchema, dealsQuerySchema } from "./deals-list";
import { clientStageResultSchema, clientStageSchema } from "./client-stage";
import { stageChangeSchema } from "./history";
import { createLostReasonSchema, lostReasonSchema, updateLostReasonSchema } from "./lost-reasons";
import { moveDealSchema } from "./moves";
import { createPipelineSchema, pipelineSchema, updatePipelineSchema } from "./pipelines";
import { pipelineSettingsSchema, updatePipelineSettingsSchema } from "./settings";
import {
  createStageSchema,
  deleteStageQuerySchema,
  reorderStageSchema,
  stageSchema,
  stagesQuerySchema,
  updateStageSchema,
} from "./stages";
import { decideSuggestionSchema, decidedSuggestionSchema } from "./suggestions";

// Seed 003's deals (CRM service) and Pipeline service in /api/openapi.json.
export const pipelineOperations: Op[] = [
  {
    method: "get",
    path: "/api/crm/deals",
    summary:
      "Deals: one board column in order (`stageId`), or the list view sorted by `sort`/`order` with the board's filters; keyset cursor",
    tag: "deals",
    query: dealsQuerySchema,
    response: dealsPageSchema,
  },
  {
    method: "get",
    path: "/api/crm/deals/export",
    summary: "The deals list (its filters and sort) as a streamed CSV (UTF-8 with BOM, `,` or `;`)",
    tag: "deals",
    query: dealsExportQuerySchema,
  },
  {
    method: "post",
    path: "/api/crm/deals",
    summary: "Create a deal (top of its stage; default pipeline and first stage when omitted)",
    tag: "deals",
    body: createDealSchema,
    response: dealSchema,
    status: 201,
  },
  {
    method: "get",
    path: "/api/crm/deals/{id}",
    summary: "A deal with its stage history",
    tag: "deals",
    response: dealSchema.extend({ history: z.array(stageChangeSchema) }),
  },
  {
    method: "patch",
    path: "/api/crm/deals/{id}",
    summary: "Change a deal's fields (409 when `expectedVersion` is stale)",
    tag: "deals",
    body: updateDealSchema,
    response: dealSchema,
  },
  { method: "delete", path: "/api/crm/deals/{id}", summary: "Delete a deal (managers)", tag: "deals", status: 204 },
  {
    method: "patch",
    path: "/api/crm/deals/{id}/stage",
    summary:
      "Move a deal to a stage and a place in it (409 when the client's view is stale; `lostReason` required for a lost stage)",
    tag: "deals",
    body: moveDealSchema,
    response: z.object({ deal: dealSchema, history: stageChangeSchema.nullable() }),
  },
  {
    method: "get",
    path: "/api/pipeline",
    summary: "Pipelines with their stages",
    tag: "pipeline",
    response: z.array(pipelineSchema),
  },
  {
    method: "post",
    path: "/api/pipeline",
    summary: "Create a pipeline (managers)",
    tag: "pipeline",
    body: createPipelineSchema,
    response: pipelineSchema,
    status: 201,
  },
  { method: "get", path: "/api/pipeline/{id}", summary: "A pipeline", tag: "pipeline", response: pipelineSchema },
  {
    method: "patch",
    path: "/api/pipeline/{id}",
    summary: "Rename a pipeline or make it the default (managers)",
    tag: "pipeline",
    body: updatePipelineSchema,
    response: pipelineSchema,
  },
  {
    method: "delete",
    path: "/api/pipeline/{id}",
    summary: "Delete a pipeline without deals (managers; 409 for the default one or one with deals)",
    tag: "pipeline",
    status: 204,
  },
  {
    method: "get",
    path: "/api/pipeline/{id}/board",
    summary: "The Kanban board: each column's count, sums and first page of cards",
    tag: "pipeline",
    query: boardFiltersSchema,
    response: boardSchema,
  },
  {
    method: "get",
    path: "/api/pipeline/stages",
    summary: "A pipeline's stages in order",
    tag: "pipeline",
    query: stagesQuerySchema,
    response: z.array(stageSchema),
  },
  {
    method: "post",
    path: "/api/pipeline/stages",
    summary: "Add a stage (managers)",
    tag: "pipeline",
    body: createStageSchema,
    response: stageSchema,
    status: 201,
  },
  {
    method: "patch",
    path: "/api/pipeline/stages/{id}",
    summary: "Change a stage (managers)",
    tag: "pipeline",
    body: updateStageSchema,
    response: stageSchema,
  },
  {
    method: "delete",
    path: "/api/pipeline/stages/{id}",
    summary: "Delete a stage (managers); its deals go to `moveTo`, or 409 while it has deals",
    tag: "pipeline",
    query: deleteStageQuerySchema,
    status: 204,
  },
  {
    method: "post",
    path: "/api/pipeline/stages/{id}/reorder",
    summary: "Move a stage between two others (managers)",
    tag: "pipeline",
    body: reorderStageSchema,
    response: stageSchema,
  },
  {
    method: "put",
    path: "/api/pipeline/clients/{clientId}/stage",
    summary: "Put a client at a stage: their open deal in that pipeline moves there, or a new deal is made (201)",
    tag: "pipeline",
    body: clientStageSchema,
    response: clientStageResultSchema,
  },
  {
    method: "patch",
    path: "/api/pipeline/suggestions/{id}",
    summary: "Accept (the deal moves, marked automatic) or dismiss the AI's suggested stage move",
    tag: "pipeline",
    body: decideSuggestionSchema,
    response: decidedSuggestionSchema,
  },
  {
    method: "get",
    path: "/api/pipeline/lost-reasons",
    summary: "The organisation's reasons a deal is lost, offered when a card goes to a lost stage",
    tag: "pipeline",
    response: z.array(lostReasonSchema),
  },
  {
    method: "post",
    path: "/api/pipeline/lost-reasons",
    summary: "Add a lost reason (managers)",
    tag: "pipeline",
    body: createLostReasonSchema,
    response: lostReasonSchema,
    status: 201,
  },
  {
    method: "patch",
    path: "/api/pipeline/lost-reasons/{id}",
    summary: "Rename or reorder a lost reason (managers)",
    tag: "pipeline",
    body: updateLostReasonSchema,
    response: lostReasonSchema,
  },
  {
    method: "delete",
    path: "/api/pipeline/lost-reasons/{id}",
    summary: "Delete a lost reason (managers); deals keep its words",
    tag: "pipeline",
    status: 204,
  },
  {
    method: "get",
    path: "/api/pipeline/settings",
    summary: "Pipeline settings of the organisation (default currency of new deals)",
    tag: "pipeline",
    response: pipelineSettingsSchema,
  },
  {
    method: "patch",
    path: "/api/pipeline/settings",
    summary: "Change the pipeline settings (admins)",
    tag: "pipeline",
    body: updatePipelineSettingsSchema,
    response: pipelineSettingsSchema,
  },
];
