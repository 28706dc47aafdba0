import { retailcrmFirstSync as job } from "@/lib/retailcrm/jobs";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const retailcrmFirstSync = triggerTaskFor(job);
