// EXPLAIN ANALYZE of every statement a report runs, on the database `npm run bench:analytics` keeps with
// BENCH_KEEP_DB=<name>, through the bench owner's RLS transaction:
//   BENCH_KEEP_DB=<name> npx tsx bench/analytics/explain.ts <report> [days=90] [ending days ago=0]
// (`90 90` is the previous period the dashboard compares with.)
import pg from "pg";
import { reportIds, runReport, type ReportId } from "@/lib/analytics";
import { setDb, withUser, type Sql } from "@/lib/db";
import { openPostgres } from "@/lib/db/postgres";

const base = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const url = new URL(base);
url.pathname = `/${process.env.BENCH_KEEP_DB ?? ""}`;
const id = process.argv[2] as ReportId;
if (!reportIds.includes(id)) throw new Error(`a report: ${reportIds.join(", ")}`);
const days = Number(process.argv[3] ?? 90);
const ago = Number(process.argv[4] ?? 0);

const client = new pg.Client({ connectionString: url.toString() });
await client.connect();
const [{ orgId, owner }] = (
  await client.query<{ orgId: string; owner: string }>(
    `select o.id as "orgId", m.user_id as owner from public.organizations o
       join public.memberships m on m.org_id = o.id and m.role = 'owner' where o.name = 'Bench Analytics'`,
  )
).rows;
await client.end();
const db = openPostgres(url.toString());
setDb(db);
const day = (d: Date) => d.toISOString().slice(0, 10);
const q = {
  from: day(new Date(Date.now() - (ago + days - 1) * 86_400_000)),
  to: day(new Date(Date.now() - ago * 86_400_000)),
  tz: "Europe/Moscow",
  channel: undefined,
  pipelineId: undefined,
  memberId: undefined,
};
await withUser({ sub: owner, role: "authenticated" }, async (sql) => {
  const explaining = new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop !== "query") return Reflect.get(target, prop, receiver);
      return async (text: string, values?: readonly unknown[]) => {
        if (/^\s*(select|with)/i.test(text)) {
          const plan = await target.query<{ "QUERY PLAN": string }>(`explain (analyze, costs off) ${text}`, values);
          console.log(`\n${text.trim().slice(0, 160)}…\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
        }
        return target.query(text, values);
      };
    },
  }) as Sql;
  await runReport(explaining, orgId, id, { ...q, compare: false });
});
await db.close();
