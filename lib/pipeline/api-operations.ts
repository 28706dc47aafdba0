import { z } from "zod";
import type { Op } from "@/lib/api/openapi";
import { boardFiltersSchema, boardSchema } from "./board";
import { createDealSchema, dealSchema, updateDealSchema } from "./deals";
import { dealsPageSchema, dealsQuerySchema } from "./deals-list";
import { stageChangeSchema } from "./history";
import { moveDealSchema } from "./moves";
import { createPipelineSchema, pipelineSchema, updatePipelineSchema } from "./pipelines";
import { createStageSchema, reorderStageSchema, stageSchema, stagesQuerySchema, updateStageSchema } from "./stages";

// Seed 003's deals (CRM service) and Pipeline service in /api/openapi.json.
export const pipelineOperations: Op[] = [
  {
    method: "get",
    path: "/api/crm/deals",
    summary: "Deals: one board column in order (`stageId`), or newest first with filters; keyset cursor",
    tag: "deals",
    query: dealsQuerySchema,
    response: dealsPageSchema,
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
    summary: "Move a deal to a stage and a place in it (409 when the client's view is stale)",
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
    summary: "Delete an empty stage (managers; 409 while it has deals)",
    tag: "pipeline",
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
];
