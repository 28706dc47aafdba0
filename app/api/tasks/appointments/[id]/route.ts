import { afterCommit, orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { getAppointment, updateAppointment, updateAppointmentSchema } from "@/lib/tasks/appointments";

export const GET = orgRoute({}, ({ sql, orgId, params }) => getAppointment(sql, orgId, uuidParam(params)));

/** Cancel (no reminder goes to the client), mark done, or book again. */
export const PATCH = orgRoute(
  { role: "agent", body: updateAppointmentSchema },
  async ({ sql, orgId, params, body }) => {
    const { appointment, afterCommit: plan } = await updateAppointment(sql, orgId, uuidParam(params), body);
    return afterCommit(async () => (await plan(), appointment));
  },
);
