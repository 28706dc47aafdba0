import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { deleteNote, updateNote, updateNoteSchema } from "@/lib/crm/notes";

export const PATCH = orgRoute({ role: "agent", body: updateNoteSchema }, ({ sql, orgId, params, body }) =>
  updateNote(sql, orgId, uuidParam(params), body),
);

export const DELETE = orgRoute({ role: "agent" }, ({ sql, orgId, params }) =>
  deleteNote(sql, orgId, uuidParam(params)),
);
