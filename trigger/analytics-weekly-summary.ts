import { weeklySummaryJob as job } from "@/lib/analytics/weekly-summary";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const analyticsWeeklySummary = triggerTaskFor(job);
