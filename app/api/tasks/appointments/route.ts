import { afterCommit, orgRoute } from "@/lib/api/handler";
import { createAppointment, createAppointmentSchema, getWeek, weekQuerySchema } from "@/lib/tasks/appointments";

/** The week view: appointments from `from` over `days` days and the free slots the assistant books from. */
export const GET = orgRoute({ query: weekQuerySchema }, ({ sql, orgId, query }) => getWeek(sql, orgId, query));

/** Book a time by hand (409 when it is booked already); the client's reminder is planned once it commits. */
export const POST = orgRoute({ role: "agent", body: createAppointmentSchema }, async ({ sql, orgId, body }) => {
  const { appointment, afterCommit: plan } = await createAppointment(sql, orgId, body);
  return afterCommit(async () => (await plan(), Response.json(appointment, { status: 201 })));
});
