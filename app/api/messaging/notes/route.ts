import { ApiError } from "@/lib/api/errors";
import { orgRoute } from "@/lib/api/handler";
import { createNote, createNoteSchema, listNotes, notesQuerySchema } from "@/lib/inbox/notes";

/** ?conversationId= → the conversation's private notes, oldest first. */
export const GET = orgRoute({ query: notesQuerySchema }, async ({ sql, orgId, query }) =>
  listNotes(sql, orgId, query.conversationId),
);

/** { conversationId, body, mentions: [userId] } — never sent to the client; each mention is notified. */
export const POST = orgRoute({ role: "agent", body: createNoteSchema }, async ({ sql, orgId, principal, body }) => {
  if (principal.kind !== "user") throw new ApiError("forbidden", "notes are written by people, not API keys");
  return Response.json(await createNote(sql, orgId, body), { status: 201 });
});
