import { weeklyTelegramJob as job } from "@/lib/analytics/weekly-telegram";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const analyticsWeeklyTelegram = triggerTaskFor(job);
