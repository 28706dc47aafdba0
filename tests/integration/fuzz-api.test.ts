import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { resetEnvCache } from "@/lib/env";
import { signedUpdate, startTelegramFake, textUpdate, type TelegramFake } from "../fakes/telegram";
import { describeEachDb } from "../helpers/db";
import {
  collectIds,
  expectNo5xx,
  fromSchema,
  HOSTILE_STRINGS,
  hostile,
  mutate,
  nested,
  poisonOne,
  rng,
  toJsonText,
  type Outcome,
  type Rng,
} from "../helpers/fuzz";
import { params } from "../helpers/http";
import { createChannel, postWebhook, team, type Person } from "../helpers/inbox";

// Every JSON route of the OpenAPI document, called through its real route module with bodies, queries and path
// parameters made from the document's own schemas and then made hostile. The database is up, so no answer may
// be a 5xx. Ids of rows that exist (a channel, a conversation, a contact...) feed the cases, so many reach SQL.

const CASES = 150;
// A route that takes no body, query or path parameter has little to fuzz: a hostile query string or body only.
const CASES_WITHOUT_INPUT = 20;
// Cases in flight at once: PostgreSQL answers them side by side, PGlite one after another.
const PARALLEL = 8;
const ROOT = path.resolve(import.meta.dirname, "../..");

type Schema = Parameters<typeof fromSchema>[1];
type Operation = {
  method: string;
  path: string;
  body?: Schema;
  query: { name: string; schema: Schema }[];
  params: string[];
};

function operations(): Operation[] {
  const doc = openApiDocument("http://localhost:3000") as unknown as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content: Record<string, { schema: Schema }> };
          parameters?: { in: string; name: string; schema: Schema }[];
        }
      >
    >;
  };
  const ops: Operation[] = [];
  for (const [p, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase(),
        path: p,
        body: op.requestBody?.content["application/json"]?.schema,
        query: parameters.filter((x) => x.in === "query").map((x) => ({ name: x.name, schema: x.schema })),
        params: parameters.filter((x) => x.in === "path").map((x) => x.name),
      });
    }
  // What ends the caller's session or removes rows goes last, so the other routes see a live session and rows.
  const last = (o: Operation) => (o.path === "/api/auth/signout" ? 2 : o.method === "DELETE" ? 1 : 0);
  return ops.sort((a, b) => last(a) - last(b));
}

type Handler = (req: Request, args: ReturnType<typeof params>) => Promise<Response>;
async function handlerFor(op: Operation): Promise<Handler> {
  const file = path.join(ROOT, "app", op.path.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
  const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
  const handler = mod[op.method];
  expect(handler, `${op.method} ${op.path} is in the OpenAPI document but ${file} has no handler`).toBeTypeOf(
    "function",
  );
  return handler;
}

const noWait = (v: unknown) => (v && typeof v === "object" && "wait" in v ? { ...(v as object), wait: false } : v);

/** A body made hostile one way or another: leaves replaced, one field poisoned, too deep, wrong, not JSON. */
function bodyText(r: Rng, valid: unknown): string {
  switch (r.int(10)) {
    case 0:
    case 1:
    case 2:
      return toJsonText(noWait(mutate(r, valid, 0.3)));
    case 3:
    case 4:
    case 5:
      return toJsonText(poisonOne(r, valid));
    case 6:
      return toJsonText(nested(r.pick([65, 200, 5000])));
    case 7:
      return toJsonText(r.pick([[], "text", 1e308, null, true, [valid]]));
    case 8:
      return "{not json\u0000";
    default:
      return toJsonText(noWait(mutate(r, valid, 0.08)));
  }
}

/** One case's request: the body, query and path parameters, hostile in one of several ways. */
function makeCase(r: Rng, op: Operation, ids: string[]) {
  const pathParams = Object.fromEntries(
    op.params.map((p) => [p, r.chance(0.8) && ids.length ? r.pick(ids) : String(r.pick(HOSTILE_STRINGS))]),
  );
  const query = new URLSearchParams();
  for (const q of op.query) {
    if (!r.chance(0.5)) continue;
    const v = r.chance(0.4) ? hostile(r) : fromSchema(r, q.schema, ids);
    query.set(q.name, typeof v === "string" ? v : toJsonText(v));
  }
  let body: string | undefined;
  if (op.body || r.chance(0.1)) {
    // `wait: true` makes /api/dialogs/analyze hold the request for a minute for a job no runner takes here.
    const valid = noWait(fromSchema(r, op.body, ids));
    body = bodyText(r, valid);
  }
  return { pathParams, query: query.toString(), body };
}

let fake: TelegramFake;
beforeAll(async () => {
  fake = await startTelegramFake();
  process.env.TELEGRAM_API_ROOT = fake.apiRoot;
  delete process.env.APP_URL;
  resetEnvCache();
});
afterAll(async () => {
  await fake.close();
  delete process.env.TELEGRAM_API_ROOT;
  resetEnvCache();
});

describeEachDb("API fuzz: every JSON route of the OpenAPI document", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let owner: Person;
  const ids = new Set<string>();
  const ops = operations();

  beforeAll(async () => {
    ({ owner } = await team(`fuzz-${tag}`, "Fuzz API"));
    const channel = await createChannel(owner, { type: "telegram", name: "Bot", secrets: { botToken: fake.token } });
    for (const text of ["Здравствуйте, сколько стоит?", "Hello, I want to book"]) {
      const res = await postWebhook(
        "telegram",
        channel.id,
        signedUpdate(channel.secrets.webhookSecret as string, textUpdate(text, { chatId: 4242 })),
      );
      expect(res.status).toBe(200);
    }
    ids.add(channel.id);
    ids.add(owner.userId);
    // The ids every list route shows (conversations, contacts, messages, members, keys...).
    for (const op of ops.filter((o) => o.method === "GET" && !o.params.length)) {
      const res = await (
        await handlerFor(op)
      )(
        new Request(`http://localhost:3000${op.path}`, { headers: { authorization: `Bearer ${owner.token}` } }),
        params({}),
      );
      if (res.headers.get("content-type")?.includes("json")) collectIds(await res.json(), ids);
    }
  });

  it("covers every operation of the document", () => {
    expect(ops.length).toBeGreaterThan(50);
  });

  for (const [n, op] of operations().entries()) {
    it(`${op.method} ${op.path}: ${CASES} hostile requests, none answered 5xx`, async () => {
      const handler = await handlerFor(op);
      const r = rng(0xf0220 + n);
      const pool = [...ids];
      const hasInput = op.body || op.query.length || op.params.length;
      const cases = Array.from({ length: hasInput ? CASES : CASES_WITHOUT_INPUT }, () => makeCase(r, op, pool));
      const outcomes: Outcome[] = [];
      const run = async (c: (typeof cases)[number], i: number) => {
        const route = op.path.replace(/\{(\w+)\}/g, (_, p) => encodeURIComponent(c.pathParams[p].toWellFormed()));
        const url = `http://localhost:3000${route}${c.query ? `?${c.query}` : ""}`;
        const headers: Record<string, string> = { authorization: `Bearer ${owner.token}` };
        if (c.body !== undefined) headers["content-type"] = "application/json";
        const withBody = c.body !== undefined && op.method !== "GET";
        const res = await handler(
          new Request(url, { method: op.method, headers, body: withBody ? c.body : undefined }),
          params(c.pathParams),
        );
        outcomes.push({
          label: `${op.method} ${op.path} case ${i}`,
          status: res.status,
          body: await res.text(),
          sent: `${JSON.stringify(c.pathParams)} ?${c.query.slice(0, 200)} ${c.body?.slice(0, 300) ?? ""}`,
        });
      };
      for (let i = 0; i < cases.length; i += PARALLEL)
        await Promise.all(cases.slice(i, i + PARALLEL).map((c, k) => run(c, i + k)));
      expectNo5xx(outcomes);
    });
  }
});
