import { z } from "zod";
import { resolvePrincipal, type Principal } from "@/lib/auth/session";
import { roleAtLeast, type MemberRole } from "@/lib/auth/types";
import { withUser, type Sql } from "@/lib/db";
import { logger } from "@/lib/log";
import { assertStorable, MAX_BODY_BYTES, parseJsonText, readRawBody } from "./body";
import { ApiError, errorResponse, fromDatabaseError, validationError } from "./errors";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.infer<S> : undefined;

type Options<B, Q> = {
  /** Minimum role in the active organisation; omit for any member. */
  role?: MemberRole;
  body?: B;
  query?: Q;
  maxBytes?: number;
};

export type OrgContext<B, Q> = {
  req: Request;
  principal: Principal;
  orgId: string;
  role: MemberRole;
  /** The request's transaction, as role `authenticated` with the caller's claims: RLS applies. */
  sql: Sql;
  body: Out<B>;
  query: Out<Q>;
  params: Record<string, string>;
};

type RouteArgs = { params: Promise<Record<string, string>> };

/**
 * The body as JSON: size checked on the bytes as they stream in; invalid JSON, nesting past MAX_JSON_DEPTH
 * and strings the database cannot store (NUL, lone surrogates) are the client's 400, naming the field.
 */
export async function readJson(req: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const bytes = await readRawBody(req, maxBytes);
  if (bytes.byteLength === 0) return {};
  return parseJsonText(new TextDecoder().decode(bytes), "body");
}

export function parseWith<S extends Schema>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}

export function toErrorResponse(error: unknown) {
  if (error instanceof ApiError) return errorResponse(error);
  const mapped = fromDatabaseError(error);
  if (mapped) return errorResponse(mapped, mapped.code === "unavailable" ? { "retry-after": "5" } : undefined);
  logger.error({ err: error }, "unhandled error in route");
  return errorResponse(new ApiError("internal", "something went wrong"));
}

async function parseInput<B extends Schema | undefined, Q extends Schema | undefined>(
  req: Request,
  opts: Options<B, Q>,
) {
  const body = (opts.body ? parseWith(opts.body, await readJson(req, opts.maxBytes), "body") : undefined) as Out<B>;
  // Checked whether or not the route declares a query: a handler may still read the URL's parameters.
  const search = Object.fromEntries(new URL(req.url).searchParams);
  assertStorable(search, "query");
  const query = (opts.query ? parseWith(opts.query, search, "query") : undefined) as Out<Q>;
  return { body, query };
}

/** The route's path parameters, refused (400) when one holds what no id or name can (NUL, a lone surrogate). */
async function routeParams(args: RouteArgs | undefined) {
  const params = (await args?.params) ?? {};
  assertStorable(params, "path");
  return params;
}

/** A route open to anyone: input parsed, errors shaped; no database transaction is opened for it. */
export function publicRoute<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  opts: Options<B, Q>,
  fn: (ctx: { req: Request; body: Out<B>; query: Out<Q>; params: Record<string, string> }) => Promise<unknown>,
) {
  return async (req: Request, args?: RouteArgs) => {
    try {
      const input = await parseInput(req, opts);
      return toResponse(await fn({ req, ...input, params: await routeParams(args) }));
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/** Work a route wants done once its transaction has committed (e.g. re-issuing a session that reads it). */
export class AfterCommit {
  constructor(readonly run: () => Promise<unknown>) {}
}
export const afterCommit = (run: () => Promise<unknown>) => new AfterCommit(run);

async function finish(result: unknown) {
  return toResponse(result instanceof AfterCommit ? await result.run() : result);
}

/** A route for a signed-in user, whether or not they belong to an organisation yet. */
export function userRoute<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  opts: Omit<Options<B, Q>, "role">,
  fn: (ctx: Omit<OrgContext<B, Q>, "orgId" | "role"> & { userId: string }) => Promise<unknown>,
) {
  return async (req: Request, args?: RouteArgs) => {
    try {
      const principal = await resolvePrincipal(req);
      if (principal.kind !== "user") throw new ApiError("forbidden", "needs a signed-in user, not an API key");
      const input = await parseInput(req, opts);
      const params = await routeParams(args);
      const result = await withUser(principal.claims, async (sql) => {
        const [row] = await sql.query<{ alive: boolean }>("select private.session_alive() as alive");
        if (!row.alive) throw new ApiError("unauthorized", "session ended, sign in again");
        return fn({ req, principal, userId: principal.userId, sql, ...input, params });
      });
      // Awaited here so an error thrown after commit becomes its JSON response too.
      return await finish(result);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/** A route for a signed-in user or API key acting in their active organisation, in one RLS transaction. */
export function orgRoute<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  opts: Options<B, Q>,
  fn: (ctx: OrgContext<B, Q>) => Promise<unknown>,
) {
  return async (req: Request, args?: RouteArgs) => {
    try {
      const principal = await resolvePrincipal(req);
      const input = await parseInput(req, opts);
      const params = await routeParams(args);
      const result = await withUser(principal.claims, async (sql) => {
        const { orgId, role } = await resolveMembership(sql, principal);
        if (opts.role && !roleAtLeast(role, opts.role))
          throw new ApiError("forbidden", `needs the ${opts.role} role or higher`);
        return fn({ req, principal, orgId, role, sql, ...input, params });
      });
      // Awaited here so an error thrown after commit becomes its JSON response too.
      return await finish(result);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/** The caller's organisation and role in it, checked against the database rather than trusted from the token. */
export async function resolveMembership(sql: Sql, principal: Principal) {
  if (principal.kind === "api_key") return { orgId: principal.orgId, role: principal.role };
  // The token's organisation if still a member, else the profile's active one, else any: a member
  // removed from one organisation lands in another rather than in an empty shell.
  const [row] = await sql.query<{ alive: boolean; org_id: string | null; role: MemberRole | null }>(
    `select private.session_alive() as alive, m.org_id, m.role
       from (select 1) one
       left join lateral (
         select m.org_id, m.role from public.memberships m where m.user_id = auth.uid()
         order by m.org_id = $1::uuid desc nulls last,
                  m.org_id = (select p.active_org_id from public.profiles p where p.id = auth.uid()) desc nulls last,
                  m.created_at
         limit 1
       ) m on true`,
    [principal.orgId ?? null],
  );
  if (!row?.alive) throw new ApiError("unauthorized", "session ended, sign in again");
  if (!row.org_id || !row.role) throw new ApiError("forbidden", "not a member of an organisation");
  return { orgId: row.org_id, role: row.role };
}

function toResponse(result: unknown) {
  if (result instanceof Response) return result;
  if (result === undefined) return new Response(null, { status: 204 });
  return Response.json(result);
}
