import { expireInvitations } from "./builtin/invitations-expire";
import { afterInbound, applyLateStatus } from "@/lib/inbox/jobs";
import { outboxSend } from "@/lib/inbox/outbox-job";
import { pruneWebhookEventsJob } from "@/lib/inbox/retention";
import { wakeSnoozedJob } from "@/lib/inbox/snooze";
import { evolutionImport } from "@/lib/channels/evolution/import-job";
import { dialogsAnalyze, dialogsAnalyzeContact } from "@/lib/dialogs/jobs";
import { leadAnalyzed } from "@/lib/dialogs/events";
import { callEvent } from "@/lib/telephony/events";
import { analyzeCallJob } from "@/lib/telephony/analyze-call";
import { taskEvent } from "@/lib/tasks/events";
import { taskReminderJob } from "@/lib/tasks/reminders";
import { appointmentReminderJob } from "@/lib/tasks/appointment-reminder";
import { dealCreated, dealMoved } from "@/lib/pipeline/events";
import { importContacts } from "@/lib/crm/import-job";
import { sweepJob } from "@/lib/automation/sweep";
import { webhookJob } from "@/lib/automation/webhook";
import { contactChanged } from "@/lib/inbox/contact-events";
import { retailcrmFirstSync, retailcrmSync } from "@/lib/retailcrm/jobs";
import { compactJob } from "@/lib/analytics/compact";
import { compactTotalsJob } from "@/lib/pipeline/totals";
import { weeklySummaryJob } from "@/lib/analytics/weekly-summary";
import { weeklyTelegramJob } from "@/lib/analytics/weekly-telegram";
import { buildExportJob, expireExportsJob } from "@/lib/export/job";
import type { AnyJob } from "./registry";

/**
 * Every job the in-process runner can run. A module that defines a job adds it here (and wraps it in
 * trigger/ for Trigger.dev); a queued job whose name is missing here fails with a clear error.
 * Listed by hand rather than collected by side effect so no Next.js bundle can miss one.
 */
export const jobCatalog: readonly AnyJob[] = [
  expireInvitations,
  outboxSend,
  afterInbound,
  applyLateStatus,
  pruneWebhookEventsJob,
  wakeSnoozedJob,
  evolutionImport,
  dialogsAnalyze,
  dialogsAnalyzeContact,
  leadAnalyzed,
  callEvent,
  analyzeCallJob,
  taskEvent,
  taskReminderJob,
  appointmentReminderJob,
  dealCreated,
  dealMoved,
  importContacts,
  sweepJob,
  webhookJob,
  contactChanged,
  retailcrmSync,
  retailcrmFirstSync,
  compactJob,
  compactTotalsJob,
  weeklySummaryJob,
  weeklyTelegramJob,
  buildExportJob,
  expireExportsJob,
];
