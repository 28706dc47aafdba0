import { taskEvent as job } from "@/lib/tasks/events";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const tasksTaskEvent = triggerTaskFor(job);
