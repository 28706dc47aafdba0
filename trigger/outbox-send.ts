import { outboxSend as job } from "@/lib/inbox/outbox-job";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const outboxSend = triggerTaskFor(job);
