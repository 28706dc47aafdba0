import { analyzeCallJob as job } from "@/lib/telephony/analyze-call";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const telephonyAnalyzeCall = triggerTaskFor(job);
