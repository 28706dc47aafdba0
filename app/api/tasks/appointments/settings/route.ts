import { orgRoute } from "@/lib/api/handler";
import { appointmentSettingsSchema, getAppointmentSettings, saveAppointmentSettings } from "@/lib/tasks/appointments";

/** The client reminder before an appointment: on/off, how many hours before, the WhatsApp template. */
export const GET = orgRoute({}, ({ sql, orgId }) => getAppointmentSettings(sql, orgId));

export const PUT = orgRoute({ role: "manager", body: appointmentSettingsSchema }, ({ sql, orgId, body }) =>
  saveAppointmentSettings(sql, orgId, body),
);
