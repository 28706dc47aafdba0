import { z } from "zod";
import { asService } from "@/lib/db";
import { defineJob } from "../registry";

export const expireInvitationsPayload = z.object({
  /** Keep expired invitations this long so an admin can still see who was invited and never joined. */
  olderThanDays: z.number().int().min(0).max(365).default(30),
});

/**
 * Deletes invitations that were never accepted and expired long enough ago. Their links no longer work,
 * so the rows only keep token hashes and e-mail addresses around. Enqueued with an orgId it cleans that
 * organisation only; without one, every organisation. The audit trigger records each deletion.
 */
export const expireInvitations = defineJob({
  name: "invitations.expire",
  schema: expireInvitationsPayload,
  maxAttempts: 3,
  async run({ olderThanDays }, ctx) {
    const rows = await asService((sql) =>
      sql.query<{ org_id: string }>(
        `delete from public.invitations
          where accepted_at is null
            and expires_at < now() - make_interval(days => $1)
            and ($2::uuid is null or org_id = $2::uuid)
          returning org_id`,
        [olderThanDays, ctx.orgId],
      ),
    );
    const organizations = new Set(rows.map((r) => r.org_id)).size;
    await ctx.progress({ deleted: rows.length, organizations });
    return { deleted: rows.length, organizations };
  },
});
