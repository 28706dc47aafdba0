import { callEvent as job } from "@/lib/telephony/events";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const telephonyCallEvent = triggerTaskFor(job);
