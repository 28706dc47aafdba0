import { appointmentReminderJob as job } from "@/lib/tasks/appointment-reminder";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const appointmentsRemindClient = triggerTaskFor(job);
