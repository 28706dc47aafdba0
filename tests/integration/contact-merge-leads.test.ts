import { beforeAll, expect, it } from "vitest";
import * as contactMerge from "@/app/api/contacts/[id]/merge/route";
import type { ChannelRecord, InboundMessage } from "@/lib/channels/types";
import { asService } from "@/lib/db";
import { ingestParsed } from "@/lib/inbox/ingest";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { team, type Person } from "../helpers/inbox";

// Merging two contacts brings the other's lead along: moved when the survivor has none, combined when both do,
// and the survivor's analysis refreshed soon after (the merged dialog is a different dialog).

let seq = 0;
const inbound = (threadId: string, text: string): InboundMessage => ({
  kind: "message",
  providerMessageId: `merge-${++seq}-${Math.random().toString(36).slice(2)}`,
  threadId,
  sender: { externalId: threadId, name: `Client ${threadId}` },
  occurredAt: new Date(),
  type: "text",
  text,
  media: [],
  fromBusiness: false,
});

type Lead = { contact_id: string; name: string | null; phone: string | null; score: number | null };
const query = <T>(text: string, values: unknown[]) => asService((sql) => sql.query<T>(text, values));

describeEachDb("contact merge and leads", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let agent: Person;
  let orgId: string;
  let channel: ChannelRecord;

  beforeAll(async () => {
    ({ agent } = await team(`merge-${tag}`, "Merge"));
    [{ org_id: orgId }] = await query<{ org_id: string }>("select org_id from public.memberships where user_id = $1", [
      agent.userId,
    ]);
    const [row] = await query<{ id: string }>(
      "insert into public.channels (org_id, type, name) values ($1, 'telegram', 'Bot') returning id",
      [orgId],
    );
    channel = { id: row.id, orgId, type: "telegram", name: "Bot", config: {}, secrets: {} };
  });

  async function contact(thread: string, lead?: Partial<Lead> & { analyzed?: boolean }) {
    const { messages } = await ingestParsed(
      channel,
      { eventId: `merge-e-${++seq}`, events: [inbound(thread, "Hi")] },
      {},
    );
    const [{ contact_id: id }] = await query<{ contact_id: string }>(
      "select contact_id from public.conversations where id = $1",
      [messages[0].conversationId],
    );
    if (lead) {
      await query(
        `insert into public.leads (org_id, contact_id, name, phone, score, interest_level, funnel_stage, analysis,
                                   input_hash, analyzed_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)`,
        [
          orgId,
          id,
          lead.name ?? null,
          lead.phone ?? null,
          lead.score ?? null,
          lead.analyzed ? "hot" : null,
          lead.analyzed ? "negotiation" : null,
          lead.analyzed ? JSON.stringify({ summary: "ready to buy" }) : null,
          lead.analyzed ? "hash" : null,
          lead.analyzed ? new Date() : null,
        ],
      );
    }
    return id;
  }
  const merge = (keep: string, other: string) =>
    contactMerge.POST(
      jsonRequest(`/api/contacts/${keep}/merge`, { token: agent.token, body: { otherContactId: other } }),
      params({ id: keep }),
    );
  const leadsOf = (...ids: string[]) =>
    query<Lead & { input_hash: string | null; funnel_stage: string | null }>(
      "select contact_id, name, phone, score, input_hash, funnel_stage from public.leads where contact_id = any($1)",
      [ids],
    );
  const refreshes = (id: string) =>
    query("select 1 from public.jobs where name = 'dialogs.analyze-contact' and payload->>'contactId' = $1", [id]);

  it("moves the other's lead to the survivor when it has none, and schedules a fresh analysis", async () => {
    const keep = await contact(`k1-${tag}`);
    const other = await contact(`o1-${tag}`, { name: "Anna", score: 80, analyzed: true });
    expect((await merge(keep, other)).status).toBe(200);
    expect(await leadsOf(keep, other)).toEqual([
      { contact_id: keep, name: "Anna", phone: null, score: 80, input_hash: null, funnel_stage: "negotiation" },
    ]);
    expect(await refreshes(keep)).toHaveLength(1);
  });

  it("combines two leads: the survivor keeps its own, fills the gaps from the other's, which goes", async () => {
    const keep = await contact(`k2-${tag}`, { name: "Boris" });
    const other = await contact(`o2-${tag}`, { name: "Boria", phone: "+79161234567", score: 60, analyzed: true });
    expect((await merge(keep, other)).status).toBe(200);
    expect(await leadsOf(keep, other)).toEqual([
      {
        contact_id: keep,
        name: "Boris",
        phone: "+79161234567",
        score: 60,
        input_hash: null,
        funnel_stage: "negotiation",
      },
    ]);
  });

  it("leaves leads alone when neither has one, and schedules nothing", async () => {
    const keep = await contact(`k3-${tag}`);
    const other = await contact(`o3-${tag}`);
    expect((await merge(keep, other)).status).toBe(200);
    expect(await leadsOf(keep, other)).toEqual([]);
    expect(await refreshes(keep)).toEqual([]);
  });
});
