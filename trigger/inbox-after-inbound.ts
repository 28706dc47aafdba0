import { afterInbound as job } from "@/lib/inbox/jobs";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const inboxAfterInbound = triggerTaskFor(job);
