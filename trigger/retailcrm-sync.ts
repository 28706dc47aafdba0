import { retailcrmSync as job } from "@/lib/retailcrm/jobs";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const retailcrmSync = triggerTaskFor(job);
