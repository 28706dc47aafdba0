import { importContacts } from "@/lib/crm/import-job";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const crmImportContactsTask = triggerTaskFor(importContacts);
