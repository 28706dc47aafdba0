import { compactJob as job } from "@/lib/analytics/compact";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const analyticsCompact = triggerTaskFor(job);
