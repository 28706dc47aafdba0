import { webhookJob as job } from "@/lib/automation/webhook";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const automationWebhook = triggerTaskFor(job);
