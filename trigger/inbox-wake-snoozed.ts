import { wakeSnoozedJob as job } from "@/lib/inbox/snooze";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const inboxWakeSnoozed = triggerTaskFor(job);
