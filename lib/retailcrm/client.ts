import { logger } from "@/lib/log";
import { sharedLimiter, type Limiter } from "./limiter";

// RetailCRM API v5 (../shared/wire/retailcrm.md): X-API-KEY header, GET parameters PHP-style
// (filter[sinceId]=…), writes as form fields whose values are JSON strings (customer=<json>&site=…), and
// {success:false, errorMsg, errors} on failure. Every request waits for the shared limiter; 503 and 429 (and
// a network failure) are retried with exponential backoff, honouring Retry-After when RetailCRM sends one.

export type RetailcrmConfig = { apiUrl: string; apiKey: string; site: string };

export type ClientOptions = {
  limiter?: Limiter;
  /** Attempts per request, the first included (default 5). */
  maxAttempts?: number;
  /** First retry's delay; doubled each time (default 500 ms). */
  baseDelayMs?: number;
  signal?: AbortSignal;
  /** Each attempt's limit, answer included (default 20 s): an unreachable RetailCRM fails, it never hangs. */
  timeoutMs?: number;
};

export const DEFAULT_TIMEOUT_MS = 20_000;

export const UPLOAD_BATCH = 50;

// RetailCRM's errorMsg values (api-client-php's ApiExceptionFactory) in words a user acts on.
const HINTS: [RegExp, string][] = [
  [/"apiKey" is missing/i, "the API key is missing"],
  [/Wrong "apiKey" value/i, "the API key is wrong (check Settings → Integrations → RetailCRM)"],
  [/Access denied/i, "the API key lacks a permission this needs (RetailCRM → Settings → API keys)"],
  [/Account does not exist/i, "no RetailCRM account at this URL"],
  [/Rate limit/i, "RetailCRM's rate limit was hit"],
  [/API method not found/i, "this RetailCRM API method does not exist (check the URL)"],
];

export class RetailcrmError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** RetailCRM's own words (errorMsg), shown to users beside ours. */
    readonly errorMsg: string | undefined,
    readonly errors: Record<string, string> | string[] | undefined,
    /** Waiting can help (rate limit, RetailCRM down): the job retries rather than fails. */
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "RetailcrmError";
  }
}

/** "RetailCRM: Errors in the entity format — name: name must be provided (…)" from the envelope. */
export function describeEnvelope(status: number, body: unknown): string {
  const env = (body && typeof body === "object" ? body : {}) as { errorMsg?: unknown; errors?: unknown };
  const msg = typeof env.errorMsg === "string" ? env.errorMsg : `HTTP ${status}`;
  const hint = HINTS.find(([re]) => re.test(msg))?.[1];
  let details = "";
  if (Array.isArray(env.errors)) details = env.errors.map(String).join("; ");
  else if (env.errors && typeof env.errors === "object")
    details = Object.entries(env.errors as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join("; ");
  return `RetailCRM: ${msg}${details ? ` — ${details}` : ""}${hint ? ` (${hint})` : ""}`;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/** fetch's "fetch failed" names its cause (ECONNREFUSED, ENOTFOUND…) only in `cause`. */
function describeNetworkError(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ? `${cause.code}${cause.message ? ` (${cause.message})` : ""}` : error.message;
}

/** PHP-style query: {filter: {sinceId: 5, ids: [1, 2]}} → filter[sinceId]=5&filter[ids][]=1&filter[ids][]=2. */
export function phpQuery(params: Record<string, unknown>, prefix = ""): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    const key = prefix ? `${prefix}[${k}]` : k;
    if (Array.isArray(v))
      for (const item of v) out.push(`${encodeURIComponent(`${key}[]`)}=${encodeURIComponent(String(item))}`);
    else if (typeof v === "object") out.push(...phpQuery(v as Record<string, unknown>, key));
    else out.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
  }
  return out;
}

const retryAfterMs = (res: Response) => {
  const h = res.headers.get("retry-after");
  if (!h) return undefined;
  const secs = Number(h);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(h);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
};

export type HistoryEntry = {
  id: number;
  createdAt: string;
  created?: boolean;
  deleted?: boolean;
  source?: string;
  user?: { id: number };
  apiKey?: { current?: boolean };
  field: string;
  oldValue?: unknown;
  newValue?: unknown;
  customer?: Record<string, unknown> & { id: number; externalId?: string };
  order?: Record<string, unknown> & { id: number; externalId?: string };
};
export type HistoryPage = { history: HistoryEntry[]; pagination: { currentPage: number; totalPageCount: number } };

export type CallEventInput = {
  phone: string;
  type: "in" | "out" | "hangup";
  codes: string[];
  userIds?: number[];
  callExternalId: string;
  externalPhone?: string | null;
  hangupStatus?: string | null;
};
export type CallUpload = {
  date: string;
  type: "in" | "out";
  phone: string;
  code?: string;
  userId?: number;
  result: "answered" | "busy" | "failed" | "no answer" | "not allowed" | "unknown";
  duration?: number;
  durationWaiting?: number;
  externalId: string;
  recordUrl?: string;
};

export class RetailcrmClient {
  private readonly limiter: Limiter;
  private readonly base: string;

  constructor(
    readonly config: RetailcrmConfig,
    private readonly options: ClientOptions = {},
  ) {
    this.limiter = options.limiter ?? sharedLimiter();
    this.base = config.apiUrl.replace(/\/+$/, "").replace(/\/api\/v5$/, "");
  }

  /** One API call: waits for the limiter, retries what waiting can fix, maps the error envelope. */
  async request<T = Record<string, unknown>>(
    method: "GET" | "POST",
    path: string,
    params: Record<string, unknown> = {},
  ): Promise<T & { success: true }> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    const base = this.options.baseDelayMs ?? 500;
    let url = `${this.base}${path.startsWith("/api/") ? path : `/api/v5${path}`}`;
    let body: string | undefined;
    if (method === "GET") {
      const q = phpQuery(params);
      if (q.length) url += `?${q.join("&")}`;
    } else {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(params))
        if (v !== undefined) form.set(k, typeof v === "string" ? v : JSON.stringify(v));
      body = form.toString();
    }
    for (let attempt = 1; ; attempt++) {
      const release = await this.limiter.acquire(this.config.apiKey, this.options.signal);
      const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
      let res: Response;
      let text: string;
      try {
        res = await fetch(url, {
          method,
          headers: {
            "X-API-KEY": this.config.apiKey,
            accept: "application/json",
            ...(body !== undefined ? { "content-type": "application/x-www-form-urlencoded" } : {}),
          },
          body,
          signal,
        });
        text = await res.text();
        release?.();
      } catch (error) {
        release?.();
        if (this.options.signal?.aborted) throw error;
        const why = timeout.aborted
          ? `no answer within ${Math.round(timeoutMs / 100) / 10} s`
          : describeNetworkError(error as Error);
        if (attempt >= maxAttempts)
          throw new RetailcrmError(`RetailCRM is unreachable at ${this.base}: ${why}`, 0, undefined, undefined, true);
        await sleep(base * 2 ** (attempt - 1), this.options.signal);
        continue;
      }
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        json = undefined;
      }
      const ok = res.ok && json && typeof json === "object" && (json as { success?: unknown }).success === true;
      if (ok) return json as T & { success: true };
      const limited = res.status === 503 || res.status === 429;
      const retryable = limited || res.status >= 500;
      const wait = retryAfterMs(res);
      if (retryable && attempt < maxAttempts) {
        logger.warn({ path, status: res.status, attempt }, "RetailCRM asked to wait; retrying");
        await sleep(Math.max(wait ?? 0, base * 2 ** (attempt - 1)), this.options.signal);
        continue;
      }
      const env = (json ?? {}) as { errorMsg?: string; errors?: Record<string, string> | string[] };
      const message =
        json === undefined ? `RetailCRM answered HTTP ${res.status} without JSON` : describeEnvelope(res.status, json);
      throw new RetailcrmError(message, res.status, env.errorMsg, env.errors, retryable, wait);
    }
  }

  private site() {
    return { site: this.config.site };
  }

  /** What the key may do (test connection). */
  credentials() {
    return this.request<{ credentials: string[]; siteAccess?: string; sitesAvailable?: string[] }>(
      "GET",
      "/api/credentials",
    );
  }

  /** Customers matching a phone (RetailCRM has no phone filter: filter[name] searches phones too). */
  async customersByPhone(phone: string) {
    const r = await this.request<{ customers: Record<string, unknown>[] }>("GET", "/customers", {
      filter: { name: phone, sites: [this.config.site] },
      limit: 20,
      page: 1,
    });
    return r.customers;
  }

  async customerCreate(customer: Record<string, unknown>) {
    const r = await this.request<{ id: number }>("POST", "/customers/create", { customer, ...this.site() });
    return r.id;
  }

  /** By RetailCRM's id when we know it (it needs no fix-external-ids first), else by our externalId. */
  async customerEdit(ident: string | number, customer: Record<string, unknown>) {
    return this.request<{ id: number }>("POST", `/customers/${encodeURIComponent(String(ident))}/edit`, {
      customer,
      by: typeof ident === "number" ? "id" : "externalId",
      ...this.site(),
    });
  }

  async orderCreate(order: Record<string, unknown>) {
    return this.request<{ id: number }>("POST", "/orders/create", { order, ...this.site() });
  }

  async orderEdit(externalId: string, order: Record<string, unknown>) {
    return this.request<{ id: number }>("POST", `/orders/${encodeURIComponent(externalId)}/edit`, {
      order,
      by: "externalId",
      ...this.site(),
    });
  }

  /** Uploads in requests of 50 (RetailCRM's batch size), one after another through the limiter; ids in order. */
  async upload(entity: "customers" | "orders", rows: Record<string, unknown>[], onBatch?: (done: number) => void) {
    const ids: number[] = [];
    for (let i = 0; i < rows.length; i += UPLOAD_BATCH) {
      const batch = rows.slice(i, i + UPLOAD_BATCH);
      const r = await this.request<{ uploadedCustomers?: { id: number }[]; uploadedOrders?: { id: number }[] }>(
        "POST",
        `/${entity}/upload`,
        { [entity]: batch, ...this.site() },
      );
      ids.push(...(r.uploadedCustomers ?? r.uploadedOrders ?? []).map((u) => u.id));
      onBatch?.(Math.min(rows.length, i + UPLOAD_BATCH));
    }
    return ids;
  }

  async fixExternalIds(entity: "customers" | "orders", rows: { id: number; externalId: string }[]) {
    if (!rows.length) return;
    await this.request("POST", `/${entity}/fix-external-ids`, { [entity]: rows });
  }

  /** One page of the change feed after `sinceId` (exclusive). */
  history(entity: "customers" | "orders", sinceId: number, limit = 100) {
    return this.request<HistoryPage>("GET", `/${entity}/history`, { filter: { sinceId }, limit, page: 1 });
  }

  callEvent(event: CallEventInput) {
    return this.request("POST", "/telephony/call/event", { event: { ...event, site: this.config.site } });
  }

  callsUpload(calls: CallUpload[]) {
    return this.request<{ processedCallsCount?: number }>("POST", "/telephony/calls/upload", {
      calls: calls.map((c) => ({ ...c, site: this.config.site })),
    });
  }

  integrationModuleEdit(code: string, integrationModule: Record<string, unknown>) {
    return this.request("POST", `/integration-modules/${encodeURIComponent(code)}/edit`, { integrationModule });
  }
}
