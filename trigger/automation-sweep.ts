import { sweepJob as job } from "@/lib/automation/sweep";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const automationSweep = triggerTaskFor(job);
