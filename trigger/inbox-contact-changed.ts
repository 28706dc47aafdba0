import { contactChanged as job } from "@/lib/inbox/contact-events";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const inboxContactChanged = triggerTaskFor(job);
