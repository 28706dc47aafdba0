import { leadAnalyzed as job } from "@/lib/dialogs/events";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const dialogsLeadAnalyzed = triggerTaskFor(job);
