import { pruneWebhookEventsJob as job } from "@/lib/inbox/retention";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const inboxPruneWebhookEvents = triggerTaskFor(job);
