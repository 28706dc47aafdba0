import { dialogsAnalyzeContact as job } from "@/lib/dialogs/jobs";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const dialogsAnalyzeContact = triggerTaskFor(job);
