import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * RetailCRM API v5 as the CRM sees it (../shared/wire/retailcrm.md): the API key in X-API-KEY, ?apiKey= or the
 * form body; form fields holding JSON; customers, orders (create, edit by externalId or id, upload of up to 50,
 * fix-external-ids), the change feed (customers/history, orders/history paged by filter[sinceId]), telephony
 * call/event and calls/upload, integration-modules/{code}/edit, and the error envelope. More than `rps`
 * requests arriving in one calendar second are answered 503 "Rate limit exceeded", as RetailCRM does; every
 * arrival is counted per second so a test can check the limiter never went over.
 */

export type FakeRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  form: Record<string, unknown>;
  at: number;
};
export type Fault = { status: number; body?: unknown; retryAfter?: string; path?: RegExp };
type Entity = Record<string, unknown> & { id: number; externalId?: string; site?: string };
type Entry = Record<string, unknown> & { id: number; byKey?: string };

export async function startRetailcrmFake(options: { apiKey?: string; rps?: number; latencyMs?: number } = {}) {
  const apiKey = options.apiKey ?? "test-retailcrm-key";
  const rps = options.rps ?? 10;
  const state = {
    requests: [] as FakeRequest[],
    faults: [] as Fault[],
    perSecond: new Map<number, number>(),
    limited: 0,
    customers: [] as Entity[],
    orders: [] as Entity[],
    customerHistory: [] as Entry[],
    orderHistory: [] as Entry[],
    modules: new Map<string, unknown>(),
    callEvents: [] as Record<string, unknown>[],
    calls: [] as Record<string, unknown>[],
    nextId: 1000,
    nextHistory: 1,
    latencyMs: options.latencyMs ?? 0,
    /** Other keys the account accepts (a second integration writing through its own key). */
    otherKeys: new Set<string>(["other-integration-key"]),
  };

  const now = () => {
    const d = new Date();
    const p = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  };

  const record = (list: Entry[], key: string | undefined, entry: Record<string, unknown>) => {
    list.push({
      id: state.nextHistory++,
      createdAt: now(),
      source: key ? "api" : "user",
      ...(key ? { apiKey: { current: false } } : { user: { id: 1 } }),
      byKey: key,
      ...entry,
    });
  };

  const CUSTOMER_FIELDS: Record<string, string> = {
    firstName: "first_name",
    lastName: "last_name",
    email: "email",
    phones: "phones",
    externalId: "external_id",
    managerId: "manager",
  };
  const ORDER_FIELDS: Record<string, string> = {
    status: "status",
    managerId: "manager",
    totalSumm: "summ",
    managerComment: "manager_comment",
    externalId: "external_id",
    firstName: "first_name",
  };

  const identity = (kind: "customer" | "order", e: Entity) =>
    kind === "customer"
      ? { id: e.id, externalId: e.externalId, site: e.site }
      : { id: e.id, externalId: e.externalId, site: e.site, status: e.status };

  function createEntity(kind: "customer" | "order", data: Record<string, unknown>, site: string, key?: string) {
    const e: Entity = { ...data, id: state.nextId++, site, createdAt: now() };
    if (kind === "order" && !e.status) e.status = "new";
    (kind === "customer" ? state.customers : state.orders).push(e);
    record(kind === "customer" ? state.customerHistory : state.orderHistory, key, {
      created: true,
      field: kind === "customer" ? "id" : "status",
      newValue: kind === "customer" ? e.id : { code: e.status },
      [kind]: { ...e },
    });
    return e;
  }

  function editEntity(kind: "customer" | "order", e: Entity, patch: Record<string, unknown>, key?: string) {
    const names = kind === "customer" ? CUSTOMER_FIELDS : ORDER_FIELDS;
    for (const [k, v] of Object.entries(patch)) {
      if (JSON.stringify(e[k]) === JSON.stringify(v)) continue;
      const old = e[k];
      e[k] = v;
      const field = names[k] ?? k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      const wrap = (x: unknown) =>
        k === "status" && x != null ? { code: x } : k === "managerId" && x != null ? { id: x } : x;
      record(kind === "customer" ? state.customerHistory : state.orderHistory, key, {
        field,
        oldValue: wrap(old),
        newValue: wrap(v),
        [kind]: identity(kind, e),
      });
    }
  }

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    });

  const server = createServer(async (req, res) => {
    const at = Date.now();
    const second = Math.floor(at / 1000);
    state.perSecond.set(second, (state.perSecond.get(second) ?? 0) + 1);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const go = () => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
        res.end(JSON.stringify(body));
      };
      if (state.latencyMs) setTimeout(go, state.latencyMs);
      else go();
    };
    const fail = (status: number, errorMsg: string, errors?: unknown) =>
      send(status, { success: false, errorMsg, ...(errors ? { errors } : {}) });

    const url = new URL(req.url ?? "/", "http://fake");
    const raw = req.method === "POST" ? await readBody(req) : "";
    const form: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(raw)) {
      try {
        form[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
      } catch {
        return fail(400, "Errors in the input parameters", { [k]: "not valid JSON" });
      }
    }
    const path = url.pathname;
    state.requests.push({ method: req.method ?? "GET", path, query: url.searchParams, form, at });

    if ((state.perSecond.get(second) ?? 0) > rps) {
      state.limited++;
      return fail(503, "Rate limit exceeded");
    }
    const fault = state.faults.findIndex((f) => !f.path || f.path.test(path));
    if (fault >= 0) {
      const [f] = state.faults.splice(fault, 1);
      return send(
        f.status,
        f.body ?? { success: false, errorMsg: "Service temporary unavailable" },
        f.retryAfter ? { "retry-after": f.retryAfter } : {},
      );
    }
    const key =
      req.headers["x-api-key"]?.toString() ?? url.searchParams.get("apiKey") ?? (form.apiKey as string | undefined);
    if (!key) return fail(403, '"apiKey" is missing.');
    if (key !== apiKey && !state.otherKeys.has(key)) return fail(403, 'Wrong "apiKey" value.');
    const site = (form.site as string | undefined) ?? "default";

    let m: RegExpMatchArray | null;
    if (req.method === "GET" && path === "/api/credentials")
      return send(200, {
        success: true,
        credentials: ["/api/customers", "/api/orders", "/api/telephony/call/event"],
        siteAccess: "access_full",
      });

    if (req.method === "GET" && path === "/api/v5/customers") {
      const name = url.searchParams.get("filter[name]") ?? "";
      const digits = name.replace(/\D/g, "");
      const found = state.customers.filter((c) =>
        ((c.phones as { number: string }[] | undefined) ?? []).some(
          (p) => digits && p.number.replace(/\D/g, "").endsWith(digits.slice(-10)),
        ),
      );
      return send(200, {
        success: true,
        pagination: { limit: 20, totalCount: found.length, currentPage: 1, totalPageCount: 1 },
        customers: found,
      });
    }
    if (req.method === "POST" && (m = path.match(/^\/api\/v5\/(customers|orders)\/create$/))) {
      const kind = m[1] === "customers" ? "customer" : "order";
      const data = form[kind] as Record<string, unknown> | undefined;
      if (!data || typeof data !== "object") return fail(400, `Parameter '${kind}' is missing`);
      if (kind === "customer" && !data.firstName && !(data.phones as unknown[] | undefined)?.length && !data.email)
        return fail(400, "Errors in the entity format", { firstName: "firstName or a phone must be provided" });
      const list = kind === "customer" ? state.customers : state.orders;
      if (data.externalId && list.some((e) => e.externalId === data.externalId))
        return fail(400, "Errors in the entity format", { externalId: "externalId already exists" });
      const e = createEntity(kind, data, site, key);
      return send(201, { success: true, id: e.id, ...(kind === "order" ? { order: e } : {}) });
    }
    if (req.method === "POST" && (m = path.match(/^\/api\/v5\/(customers|orders)\/([^/]+)\/edit$/))) {
      const kind = m[1] === "customers" ? "customer" : "order";
      const by = (form.by as string | undefined) ?? "externalId";
      const ident = decodeURIComponent(m[2]);
      const list = kind === "customer" ? state.customers : state.orders;
      const e = list.find((x) => (by === "id" ? String(x.id) === ident : x.externalId === ident));
      if (!e) return fail(404, "Not found");
      const data = form[kind] as Record<string, unknown> | undefined;
      if (!data) return fail(400, `Parameter '${kind}' is missing`);
      editEntity(kind, e, data, key);
      return send(200, { success: true, id: e.id, ...(kind === "order" ? { order: e } : {}) });
    }
    if (req.method === "POST" && (m = path.match(/^\/api\/v5\/(customers|orders)\/upload$/))) {
      const kind = m[1] === "customers" ? "customer" : "order";
      const rows = form[m[1]] as Record<string, unknown>[] | undefined;
      if (!Array.isArray(rows) || !rows.length) return fail(400, `Parameter '${m[1]}' is missing`);
      if (rows.length > 50) return fail(400, "Errors in the input parameters", { [m[1]]: "at most 50 per request" });
      const made = rows.map((r) => createEntity(kind, r, site, key));
      const k = kind === "customer" ? "uploadedCustomers" : "uploadedOrders";
      return send(201, { success: true, [k]: made.map((e) => ({ id: e.id, externalId: e.externalId })) });
    }
    if (req.method === "POST" && (m = path.match(/^\/api\/v5\/(customers|orders)\/fix-external-ids$/))) {
      const rows = form[m[1]] as { id: number; externalId: string }[] | undefined;
      if (!Array.isArray(rows) || !rows.length) return fail(400, `Parameter '${m[1]}' is missing`);
      const list = m[1] === "customers" ? state.customers : state.orders;
      for (const r of rows) {
        const e = list.find((x) => x.id === r.id);
        if (e) e.externalId = r.externalId;
      }
      return send(200, { success: true });
    }
    if (req.method === "GET" && (m = path.match(/^\/api\/v5\/(customers|orders)\/history$/))) {
      const list = m[1] === "customers" ? state.customerHistory : state.orderHistory;
      const since = Number(url.searchParams.get("filter[sinceId]") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 100);
      if (![20, 50, 100].includes(limit))
        return fail(400, "Errors in the input parameters", { limit: "Значение недопустимо." });
      const after = list.filter((e) => e.id > since);
      const page = after.slice(0, limit).map(({ byKey, ...e }) => ({
        ...e,
        ...(e.source === "api" ? { apiKey: { current: byKey === key } } : {}),
      }));
      return send(200, {
        success: true,
        generatedAt: now(),
        history: page,
        pagination: {
          limit,
          totalCount: after.length,
          currentPage: 1,
          totalPageCount: Math.max(1, Math.ceil(after.length / limit)),
        },
      });
    }
    if (req.method === "POST" && path === "/api/v5/telephony/call/event") {
      const event = form.event as Record<string, unknown> | undefined;
      if (!event || typeof event !== "object") return fail(400, "Parameter 'event' is missing");
      if (!event.phone || !["in", "out", "hangup"].includes(String(event.type)))
        return fail(400, "Errors in the entity format", { type: "type must be in, out or hangup" });
      state.callEvents.push(event);
      return send(200, { success: true });
    }
    if (req.method === "POST" && path === "/api/v5/telephony/calls/upload") {
      const calls = form.calls as Record<string, unknown>[] | undefined;
      if (!Array.isArray(calls) || !calls.length) return fail(400, "Parameter 'calls' is missing");
      state.calls.push(...calls);
      return send(200, { success: true, processedCallsCount: calls.length });
    }
    if (req.method === "POST" && (m = path.match(/^\/api\/v5\/integration-modules\/([^/]+)\/edit$/))) {
      const mod = form.integrationModule as Record<string, unknown> | undefined;
      if (!mod || !mod.code) return fail(400, "Parameter 'integrationModule' is missing");
      state.modules.set(decodeURIComponent(m[1]), mod);
      return send(201, { success: true, info: {} });
    }
    return fail(404, "API method not found");
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    state,
    /** The most requests that arrived in one calendar second, and in any 1000 ms window. */
    maxPerSecond() {
      return Math.max(0, ...state.perSecond.values());
    },
    maxInAnyWindow(windowMs = 1000) {
      const ts = state.requests.map((r) => r.at).sort((a, b) => a - b);
      let best = 0;
      for (let i = 0, j = 0; i < ts.length; i++) {
        while (ts[i] - ts[j] >= windowMs) j++;
        best = Math.max(best, i - j + 1);
      }
      return best;
    },
    /** A user's change in RetailCRM's UI (source "user"), or another integration's (its own key). */
    userCreates(kind: "customer" | "order", data: Record<string, unknown>, site = "shop", viaKey?: string) {
      return createEntity(kind, data, site, viaKey);
    },
    userEdits(kind: "customer" | "order", id: number, patch: Record<string, unknown>, viaKey?: string) {
      const e = (kind === "customer" ? state.customers : state.orders).find((x) => x.id === id);
      if (!e) throw new Error(`no ${kind} ${id}`);
      editEntity(kind, e, patch, viaKey);
      return e;
    },
    fail(f: Fault) {
      state.faults.push(f);
    },
    reset() {
      state.requests.length = 0;
      state.faults.length = 0;
      state.perSecond.clear();
      state.limited = 0;
      state.callEvents.length = 0;
      state.calls.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type RetailcrmFake = Awaited<ReturnType<typeof startRetailcrmFake>>;
