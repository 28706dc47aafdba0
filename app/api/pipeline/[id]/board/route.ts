import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { boardFiltersSchema, getBoard } from "@/lib/pipeline/board";

/** Every column with its count, sums and first page of cards. */
export const GET = orgRoute({ query: boardFiltersSchema }, ({ sql, params, query }) =>
  getBoard(sql, uuidParam(params), query),
);
