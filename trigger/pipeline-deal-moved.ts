import { dealMoved as job } from "@/lib/pipeline/events";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const pipelineDealMoved = triggerTaskFor(job);
