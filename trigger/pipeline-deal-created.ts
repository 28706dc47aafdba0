import { dealCreated as job } from "@/lib/pipeline/events";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const pipelineDealCreated = triggerTaskFor(job);
