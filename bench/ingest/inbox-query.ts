import pg from "pg";

const PHRASES = [
  "Здравствуйте, сколько стоит ремонт квартиры под ключ?",
  "Добрый день! Интересует дизайн интерьера для дома",
  "Можно приехать на замер в субботу?",
  "Пришлите, пожалуйста, смету",
  "Hello, how much is a kitchen renovation?",
  "Could you send the estimate for the bathroom?",
  "Спасибо, подумаем и вернёмся",
  "We are looking for a new apartment near the park",
];

/**
 * Puts `conversations` × `perConversation` messages into the channel's organisation with SQL alone
 * (generate_series). Triggers are off for the load (session_replication_role = replica): no million
 * realtime notifications, and the rows are consistent by construction.
 */
export async function seedMessages(
  databaseUrl: string,
  channelId: string,
  conversations: number,
  perConversation: number,
) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("set session_replication_role = replica");
    await client.query("begin");
    const [{ org_id: orgId }] = (
      await client.query<{ org_id: string }>("select org_id from public.channels where id = $1", [channelId])
    ).rows;
    await client.query(
      `insert into public.contacts (org_id, name)
       select $1, 'Bench contact ' || g from generate_series(1, $2) g`,
      [orgId, conversations],
    );
    await client.query(
      `insert into public.conversations (org_id, channel_id, contact_id, thread_id, status, unread_count,
         last_message_at, last_message_preview, last_message_direction, last_inbound_at)
       select $1, $2, c.id, 'bench-' || c.id,
              (array['open', 'pending', 'resolved'])[1 + floor(random() * 3)::int],
              case when random() < 0.2 then 1 + floor(random() * 5)::int else 0 end,
              t, 'Bench message', 'in', t
         from public.contacts c, lateral (select now() - random() * interval '90 days' as t) at
        where c.org_id = $1 and c.name like 'Bench contact %'`,
      [orgId, channelId],
    );
    await client.query(
      `insert into public.messages (org_id, conversation_id, channel_id, direction, sender_type, type, text, status,
         provider_message_id, occurred_at, created_at)
       select $1, c.id, $2, d.direction, case d.direction when 'in' then 'contact' else 'agent' end, 'text',
              ($3::text[])[1 + (g % cardinality($3::text[]))] || ' #' || g,
              case d.direction when 'in' then 'received' else 'delivered' end,
              'bench-' || c.id || '-' || g, c.last_message_at - g * interval '7 minutes',
              c.last_message_at - g * interval '7 minutes'
         from public.conversations c
        cross join generate_series(0, $4 - 1) g
        cross join lateral (select case when g % 3 = 0 then 'out' else 'in' end as direction) d
        where c.org_id = $1 and c.thread_id like 'bench-%'`,
      [orgId, channelId, PHRASES, perConversation],
    );
    await client.query("commit");
    await client.query("analyze public.contacts, public.conversations, public.messages, public.channels");
    const [{ n }] = (await client.query<{ n: string }>("select count(*)::text as n from public.messages")).rows;
    return { orgId, messages: Number(n) };
  } finally {
    await client.end();
  }
}

/** Server-side execution time of a query as a member sees it (role authenticated, RLS on), median of runs. */
export async function explainAsMember(
  databaseUrl: string,
  userId: string,
  query: string,
  params: unknown[],
  runs = 15,
): Promise<{ medianMs: number; plan: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const times: number[] = [];
  let plan = "";
  try {
    for (let i = 0; i < runs; i++) {
      await client.query("begin");
      await client.query(
        "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
        [JSON.stringify({ sub: userId, role: "authenticated" })],
      );
      const res = await client.query<{ "QUERY PLAN": unknown }>(`explain (analyze, format json) ${query}`, params);
      const json = res.rows[0]["QUERY PLAN"] as [{ "Execution Time": number; "Planning Time": number }];
      times.push(json[0]["Execution Time"] + json[0]["Planning Time"]);
      if (i === 0) {
        const text = await client.query(`explain (analyze, costs off) ${query}`, params);
        plan = text.rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n");
      }
      await client.query("rollback");
    }
  } finally {
    await client.end();
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], plan };
}

/** One query's rows, run as the member (RLS applies). */
export async function selectAsMember<T>(databaseUrl: string, userId: string, text: string, params: unknown[]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("begin");
    await client.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [
      JSON.stringify({ sub: userId, role: "authenticated" }),
    ]);
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
