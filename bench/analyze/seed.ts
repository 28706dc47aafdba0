import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { asService } from "@/lib/db";
import { EVAL_SETS, loadEvalSet, loadHoldout } from "../eval/evaluate";

/**
 * `count` dialogs made from the labelled evaluation set (tests/fixtures/eval), varied so no two are the same text:
 * each takes a set dialog in turn, a client number in its first message, and every third one a follow-up line.
 * One organisation, one channel, a contact and a conversation per dialog; inserted in a few statements.
 */
export async function seedBenchDialogs(count: number): Promise<{ orgId: string; channelId: string }> {
  const source = [...loadEvalSet(readFileSync(EVAL_SETS.dialogs, "utf8")), ...(loadHoldout() ?? [])];
  return asService(async (sql) => {
    const [org] = await sql.query<{ id: string }>("insert into public.organizations (name) values ($1) returning id", [
      `Bench ${randomBytes(3).toString("hex")}`,
    ]);
    const [channel] = await sql.query<{ id: string }>(
      "insert into public.channels (org_id, type, name) values ($1, 'telegram', 'bench-bot') returning id",
      [org.id],
    );
    const dialogs = Array.from({ length: count }, (_, i) => {
      const d = source[i % source.length];
      const lines = d.messages.map((m, j) => ({ ...m, text: j === 0 ? `${m.text} (#${i + 1})` : m.text }));
      if (i % 3 === 0)
        lines.push({ direction: "in", text: i % 2 ? "Thanks, waiting for your answer." : "Жду ответа." });
      return { name: `Client ${i + 1}`, lines };
    });
    const contacts = await sql.query<{ id: string }>(
      `insert into public.contacts (org_id, name)
       select $1, n from unnest($2::text[]) with ordinality as t(n, i) order by i returning id`,
      [org.id, dialogs.map((d) => d.name)],
    );
    const conversations = await sql.query<{ id: string }>(
      `insert into public.conversations (org_id, channel_id, contact_id, thread_id)
       select $1, $2, c, 'bench-' || i from unnest($3::uuid[]) with ordinality as t(c, i) order by i returning id`,
      [org.id, channel.id, contacts.map((c) => c.id)],
    );
    const rows = dialogs.flatMap((d, i) =>
      d.lines.map((l, j) => ({ conversation: conversations[i].id, direction: l.direction, text: l.text, j })),
    );
    await sql.query(
      `insert into public.messages (org_id, conversation_id, channel_id, direction, sender_type, text, status, occurred_at)
       select $1, r.conversation, $2, r.direction, case r.direction when 'in' then 'contact' else 'business' end,
              r.text, case r.direction when 'in' then 'received' else 'sent' end,
              now() - interval '1 hour' + r.j * interval '1 second'
         from jsonb_to_recordset($3::jsonb) as r(conversation uuid, direction text, text text, j int)`,
      [org.id, channel.id, JSON.stringify(rows)],
    );
    return { orgId: org.id, channelId: channel.id };
  });
}
