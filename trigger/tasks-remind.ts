import { taskReminderJob as job } from "@/lib/tasks/reminders";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const tasksRemind = triggerTaskFor(job);
