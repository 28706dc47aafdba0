import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";

// Who of the team is here (online / away), which conversation each has open and whether they are typing a
// reply in it. Each browser reports its own row (a heartbeat, RLS: only one's own); colleagues' lists update
// through the realtime mechanism when a status, open conversation or typing changes (not on bare heartbeats).

/** Without a heartbeat for this long a member counts as offline. */
export const PRESENCE_TTL_MS = 90_000;
/** "X is typing" holds this long after their last keystroke report. */
export const TYPING_TTL_MS = 6_000;

export const presenceInputSchema = z.object({
  status: z.enum(["online", "away"]),
  /** The conversation open in this tab, or null. */
  conversationId: z.uuid().nullable().default(null),
  /** true while typing into that conversation's reply box. */
  typing: z.boolean().default(false),
});

export const presenceSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  status: z.enum(["online", "away", "offline"]),
  conversationId: z.uuid().nullable(),
  typing: z.boolean(),
});
export type PresenceView = z.infer<typeof presenceSchema>;

export async function reportPresence(
  sql: Sql,
  orgId: string,
  userId: string,
  input: z.output<typeof presenceInputSchema>,
) {
  if (input.conversationId) {
    const [row] = await sql.query("select 1 from public.conversations where org_id = $1 and id = $2", [
      orgId,
      input.conversationId,
    ]);
    if (!row) throw new ApiError("not_found", "conversation not found");
  }
  // typing_at moves only when typing starts (or after it lapsed), so a stream of keystrokes is one change.
  await sql.query(
    `insert into public.agent_presence as p (org_id, user_id, status, conversation_id, typing_at, seen_at)
     values ($1, $2, $3, $4, case when $5 then now() end, now())
     on conflict (org_id, user_id) do update
        set status = excluded.status, conversation_id = excluded.conversation_id, seen_at = now(),
            typing_at = case when not $5 then null
                             when p.typing_at is not null and p.conversation_id is not distinct from excluded.conversation_id
                                  and p.typing_at > now() - make_interval(secs => $6::double precision / 2000)
                               then p.typing_at
                             else now() end`,
    [orgId, userId, input.status, input.conversationId, input.typing, TYPING_TTL_MS],
  );
  return listPresence(sql, orgId);
}

/** Every member of the organisation with their presence (offline when never seen or gone quiet). */
export async function listPresence(sql: Sql, orgId: string): Promise<PresenceView[]> {
  const rows = await sql.query<{
    user_id: string;
    name: string;
    status: "online" | "away" | null;
    conversation_id: string | null;
    typing: boolean;
    fresh: boolean;
  }>(
    `select m.user_id, coalesce(nullif(pr.full_name, ''), pr.email, '') as name, p.status, p.conversation_id,
            coalesce(p.typing_at > now() - make_interval(secs => $2::double precision / 1000), false) as typing,
            coalesce(p.seen_at > now() - make_interval(secs => $3::double precision / 1000), false) as fresh
       from public.memberships m
       left join public.profiles pr on pr.id = m.user_id
       left join public.agent_presence p on p.org_id = m.org_id and p.user_id = m.user_id
      where m.org_id = $1
      order by name`,
    [orgId, TYPING_TTL_MS, PRESENCE_TTL_MS],
  );
  return rows.map((r) => {
    const here = r.fresh && r.status !== null;
    return {
      userId: r.user_id,
      name: r.name,
      status: here ? r.status! : "offline",
      conversationId: here ? r.conversation_id : null,
      typing: here && r.typing && r.conversation_id !== null,
    };
  });
}
