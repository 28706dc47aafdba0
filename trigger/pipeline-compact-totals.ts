import { compactTotalsJob as job } from "@/lib/pipeline/totals";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const pipelineCompactTotals = triggerTaskFor(job);
