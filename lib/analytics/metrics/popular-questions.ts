import { scope } from "../filters";
import { clusterQuestions } from "../questions/embeddings";
import { isQuestion, type Question } from "../questions/cluster";
import { cols, defineReport, numeric } from "../report";

// The questions clients asked most in the period: the newest client messages of the period (at most
// SAMPLE, through messages_inbound_idx, so the cost does not grow with the history) that read as questions,
// grouped into topics (questions/cluster.ts offline, embeddings with OpenAI), with a few examples each and
// the conversations they came from.

const SAMPLE = 3_000;
const TOPICS = 20;
const EXAMPLES = 3;

const tables = {
  topics: { columns: cols("topic:text label:text engine:text questions conversations share:percent") },
  examples: { columns: cols("topic:text label:text text:text conversation_id:id occurred_at:date") },
};

export const popularQuestionsReport = defineReport({
  id: "popular-questions",
  tables,
  async run(sql, f) {
    const s = scope(f);
    const rows = await sql.query<{ id: string; text: string; conversation_id: string; occurred_at: string }>(
      `select m.id, m.text, m.conversation_id, to_json(m.occurred_at) #>> '{}' as occurred_at
         from public.messages m
        where m.org_id = ${s.org} and m.direction = 'in' and m.occurred_at >= ${s.from} and m.occurred_at < ${s.to}
          and m.text is not null
          -- The channels as an array (one init plan), not a join, and the length left to isQuestion: with
          -- either, the planner misjudged how many rows pass and read every client message of the period to
          -- sort them (1.2 s over 90 days of the bench) instead of walking the index newest first to SAMPLE.
          and m.channel_id = any (array(select ch.id from public.channels ch
                                         where ch.org_id = ${s.org} and ${s.channelOk("ch")}))
        order by m.occurred_at desc limit ${SAMPLE}`,
      s.p.values,
    );
    const questions: Question[] = rows
      .filter((r) => isQuestion(r.text))
      .map((r) => ({ id: r.id, text: r.text, conversationId: r.conversation_id, occurredAt: r.occurred_at }));
    const { engine, clusters } = await clusterQuestions(questions);
    const top = clusters.filter((c) => c.questions.length > 1 || clusters.length <= TOPICS).slice(0, TOPICS);
    const key = (c: (typeof top)[number]) => c.topic ?? c.label;
    return {
      topics: numeric(
        top.map((c) => ({
          topic: c.topic,
          label: c.label,
          engine,
          questions: c.questions.length,
          conversations: new Set(c.questions.map((q) => q.conversationId)).size,
          share: questions.length ? Math.round((1000 * c.questions.length) / questions.length) / 10 : 0,
        })),
        tables.topics.columns,
      ),
      examples: numeric(
        top.flatMap((c) =>
          c.questions.slice(0, EXAMPLES).map((q) => ({
            topic: key(c),
            label: c.label,
            text: q.text,
            conversation_id: q.conversationId,
            occurred_at: q.occurredAt,
          })),
        ),
        tables.examples.columns,
      ),
    };
  },
});
