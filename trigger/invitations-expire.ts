import { expireInvitations } from "@/lib/jobs/builtin/invitations-expire";
import { triggerTaskFor } from "@/lib/jobs/trigger-task";

export const invitationsExpire = triggerTaskFor(expireInvitations);
