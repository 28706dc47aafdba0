import { z } from "zod";
import type { Sql } from "@/lib/db";

// The incoming-call pop-up: the calls ringing (or in progress) for the caller — their extension's, or the
// organisation number's, which ring for everyone — each with the caller's card. The browser asks again on
// every realtime change to calls, so the card appears on ringing and updates or closes on answer and hang-up.

export const callerCardSchema = z.object({
  callId: z.uuid(),
  status: z.enum(["ringing", "answered"]),
  direction: z.enum(["inbound", "outbound"]),
  phone: z.string().nullable(),
  startedAt: z.string(),
  contactId: z.uuid().nullable(),
  /** False for a number seen for the first time (the contact was made by this call): "new caller". */
  known: z.boolean(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  leadScore: z.number().int().nullable(),
  interestLevel: z.string().nullable(),
  openDeals: z.array(
    z.object({ id: z.uuid(), title: z.string(), amount: z.number().nullable(), currency: z.string() }),
  ),
  lastConversation: z.object({ id: z.uuid(), preview: z.string(), at: z.string(), channelType: z.string() }).nullable(),
});
export const liveCallsSchema = z.object({ calls: z.array(callerCardSchema) });
export type CallerCard = z.infer<typeof callerCardSchema>;

const iso = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function liveCalls(sql: Sql, orgId: string): Promise<CallerCard[]> {
  return sql.query<CallerCard>(
    `select c.id as "callId", c.status, c.direction, c.client_phone as phone, ${iso("c.started_at")} as "startedAt",
            c.contact_id as "contactId",
            -- A contact the call itself made (a bare number, no chats, no deals) is a new caller.
            (ct.id is not null and (ct.name <> coalesce(ct.phone, '')
               or exists (select 1 from public.conversations v where v.contact_id = ct.id))) as known,
            nullif(ct.name, '') as name, co.name as company, l.score as "leadScore", l.interest_level as "interestLevel",
            coalesce((select json_agg(json_build_object('id', d.id, 'title', d.title, 'amount', d.amount::float8,
                                                        'currency', d.currency) order by d.created_at desc)
                        from (select * from public.deals d where d.contact_id = c.contact_id and d.closed_at is null
                               order by d.created_at desc limit 3) d), '[]'::json) as "openDeals",
            (select json_build_object('id', v.id, 'preview', v.last_message_preview, 'at', ${iso("v.last_message_at")},
                                      'channelType', ch.type)
               from public.conversations v join public.channels ch on ch.id = v.channel_id
              where v.contact_id = c.contact_id order by v.last_message_at desc limit 1) as "lastConversation"
       from public.calls c
       left join public.contacts ct on ct.id = c.contact_id
       left join public.companies co on co.id = ct.company_id
       left join public.leads l on l.contact_id = c.contact_id and l.org_id = c.org_id
      where c.org_id = $1 and c.ended_at is null and c.status in ('ringing', 'answered')
        and c.started_at > now() - interval '2 hours'
        and (c.member_id = auth.uid() or c.member_id is null)
      order by c.started_at desc limit 5`,
    [orgId],
  );
}
