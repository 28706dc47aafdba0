import { expireExportsJob as job } from "@/lib/export/job";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const exportsExpire = triggerTaskFor(job);
