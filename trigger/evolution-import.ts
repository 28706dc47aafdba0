import { evolutionImport } from "@/lib/channels/evolution/import-job";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const evolutionImportTask = triggerTaskFor(evolutionImport);
