import { orgRoute } from "@/lib/api/handler";
import { createNote, createNoteSchema, listNotes, notesQuerySchema } from "@/lib/crm/notes";

export const GET = orgRoute({ query: notesQuerySchema }, ({ sql, orgId, query }) => listNotes(sql, orgId, query));

export const POST = orgRoute({ role: "agent", body: createNoteSchema }, async ({ sql, orgId, body }) =>
  Response.json(await createNote(sql, orgId, body), { status: 201 }),
);
