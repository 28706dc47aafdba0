import { reportRoute } from "@/lib/analytics/routes";

export const GET = reportRoute("pipeline-value");
