import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { contentApi, isoNow, twilioError as error, type Approval, type Content } from "./twilio-content";
import { decodeForm, newSid, type TwilioParams } from "./twilio-webhooks";

export * from "./twilio-webhooks";
export type { Approval } from "./twilio-content";

export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** "user:password" from Basic auth, undefined without it. */
  basicAuth?: string;
  form?: TwilioParams;
  json?: unknown;
  /** Date.now() when it arrived. */
  at: number;
};
export type Fault = {
  status: number;
  code?: number;
  message?: string;
  /** Sent as the Retry-After header. */
  retryAfter?: string;
  /** A non-JSON body (e.g. an HTML 503 from a load balancer) instead of the error envelope. */
  rawBody?: string;
  route?: "messages" | "account" | "content";
};

/**
 * The parts of Twilio the WhatsApp adapter talks to, as ../shared/wire/twilio.md describes them:
 * api.twilio.com's /2010-04-01 Messages and Accounts, and content.twilio.com's /v1 Content API, on one
 * origin (TWILIO_API_BASE_URL). Basic auth with AccountSid:AuthToken, form bodies for the 2010 API and JSON
 * for the Content API, 201 JSON with RFC 2822 dates and numbers as strings, the {code,message,more_info,
 * status} error envelope. Every request is recorded; failNext() makes the next matching call fail.
 */
export async function startTwilioFake(opts: { accountSid: string; authToken: string; accountStatus?: string }) {
  const requests: RecordedRequest[] = [];
  const messages: { sid: string; form: TwilioParams }[] = [];
  const contents = new Map<string, Content>();
  const faults: Fault[] = [];
  const media = new Map<string, { bytes: Buffer; contentType: string }>();
  let accountStatus = opts.accountStatus ?? "active";

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const body = await readBody(req);
    const type = req.headers["content-type"] ?? "";
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      basicAuth: basicAuth(req.headers.authorization),
      form: type.startsWith("application/x-www-form-urlencoded") ? decodeForm(body) : undefined,
      json: type.startsWith("application/json") && body ? JSON.parse(body) : undefined,
      at: Date.now(),
    };
    requests.push(recorded);
    const origin = `http://${req.headers.host}`;
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };
    // Media redirect target: a pre-signed CDN URL that, like S3, refuses a request carrying Authorization.
    const cdn = /^\/cdn\/(ME[0-9a-f]{32})$/.exec(url.pathname);
    if (cdn) {
      const m = media.get(cdn[1]);
      if (req.headers.authorization) return send(400, { error: "Only one auth mechanism allowed" });
      if (!m) return send(404, { error: "NoSuchKey" });
      res.writeHead(200, { "content-type": m.contentType, "content-length": String(m.bytes.length) });
      return res.end(m.bytes);
    }
    if (recorded.basicAuth !== `${opts.accountSid}:${opts.authToken}`) {
      return send(401, error(20003, "Authenticate", 401));
    }
    const route = routeOf(url.pathname);
    const faultAt = faults.findIndex((f) => (f.route ?? "messages") === route);
    if (faultAt >= 0) return answerFault(res, faults.splice(faultAt, 1)[0]);

    const account = /^\/2010-04-01\/Accounts\/([^/]+)(\.json|\/Messages\.json)$/.exec(url.pathname);
    if (account && account[1] !== opts.accountSid) {
      return send(404, error(20404, `The requested resource ${url.pathname} was not found`, 404));
    }
    if (account?.[2] === ".json" && req.method === "GET") return send(200, accountJson(opts.accountSid, accountStatus));
    if (account?.[2] === "/Messages.json" && req.method === "POST") {
      const result = createMessage(opts.accountSid, recorded.form ?? {}, contents);
      if ("error" in result) return send(result.error.status, result.error);
      messages.push({ sid: result.sid, form: recorded.form ?? {} });
      return send(201, result);
    }
    const mediaPath = /^\/2010-04-01\/Accounts\/[^/]+\/Messages\/M[MS][0-9a-f]{32}\/Media\/(ME[0-9a-f]{32})$/.exec(
      url.pathname,
    );
    if (mediaPath && req.method === "GET") {
      if (!media.has(mediaPath[1]))
        return send(404, error(20404, `The requested resource ${url.pathname} was not found`, 404));
      res.writeHead(307, { location: `${origin}/cdn/${mediaPath[1]}` });
      return res.end();
    }
    if (route === "content")
      return contentApi(req.method ?? "GET", url, recorded.json, {
        origin,
        accountSid: opts.accountSid,
        contents,
        send,
      });
    send(404, error(20404, `The requested resource ${url.pathname} was not found`, 404));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Messages created, with the form fields the SDK posted. */
    messages,
    failNext: (fault: Fault, times = 1) => {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    setAccountStatus: (status: string) => void (accountStatus = status),
    /** Media of an inbound message: its MediaUrl, which redirects (307) to a CDN URL as Twilio's does. */
    addMedia(bytes: Uint8Array, contentType: string) {
      const sid = newSid("ME");
      media.set(sid, { bytes: Buffer.from(bytes), contentType });
      return `http://127.0.0.1:${port}/2010-04-01/Accounts/${opts.accountSid}/Messages/${newSid("MM")}/Media/${sid}`;
    },
    /** Forgets recorded calls, pending faults, templates and the account status between tests. */
    reset() {
      requests.length = 0;
      messages.length = 0;
      faults.length = 0;
      contents.clear();
      media.clear();
      accountStatus = opts.accountStatus ?? "active";
    },
    /** A Content template as if made in the Console; returns its HX… SID. */
    addContent(c: {
      name: string;
      language: string;
      body: string;
      variables?: Record<string, string>;
      approval?: Approval;
    }) {
      const sid = newSid("HX");
      const now = isoNow();
      contents.set(sid, {
        sid,
        friendly_name: c.name,
        language: c.language,
        variables: c.variables ?? {},
        types: { "twilio/text": { body: c.body } },
        date_created: now,
        date_updated: now,
        approval: c.approval,
      });
      return sid;
    },
    setApproval: (sid: string, approval: Approval) => void (contents.get(sid)!.approval = approval),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type TwilioFake = Awaited<ReturnType<typeof startTwilioFake>>;

function routeOf(path: string): Fault["route"] {
  if (path.startsWith("/v1/")) return "content";
  return path.endsWith("/Messages.json") ? "messages" : "account";
}

function answerFault(res: ServerResponse, f: Fault) {
  const headers: Record<string, string> = f.retryAfter ? { "retry-after": f.retryAfter } : {};
  if (f.rawBody !== undefined) {
    res.writeHead(f.status, { "content-type": "text/html", ...headers });
    return res.end(f.rawBody);
  }
  const code = f.code ?? (f.status === 429 ? 20429 : f.status >= 500 ? 20500 : 20001);
  const message = f.message ?? (f.status === 429 ? "Too Many Requests" : "Fault injected by the Twilio fake");
  res.writeHead(f.status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(error(code, message, f.status)));
}

/** Dates as the 2010 API writes them: "Wed, 14 Aug 2024 12:08:41 +0000". */
function rfc2822(d = new Date()) {
  return d.toUTCString().replace(/GMT$/, "+0000");
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The checks the real Messages resource makes on what the adapter can get wrong, with its error codes. */
function createMessage(accountSid: string, form: TwilioParams, contents: Map<string, Content>) {
  const to = one(form.To);
  const from = one(form.From);
  const service = one(form.MessagingServiceSid);
  const contentSid = one(form.ContentSid);
  const mediaUrls = form.MediaUrl === undefined ? [] : ([] as string[]).concat(form.MediaUrl);
  const fail = (code: number, message: string) => ({ error: error(code, message, 400) });
  if (!to) return fail(21604, "A 'To' phone number is required.");
  if (!/^whatsapp:\+[1-9]\d{6,14}$/.test(to)) return fail(21211, `The 'To' number ${to} is not a valid phone number.`);
  if (!from && !service) return fail(21603, "A 'From' phone number is required.");
  if (!one(form.Body) && mediaUrls.length === 0 && !contentSid) {
    return fail(21619, "A text message body or media urls must be specified.");
  }
  if (contentSid && !contents.has(contentSid)) return fail(21655, "The ContentSid is Invalid.");
  const variables = one(form.ContentVariables);
  if (variables !== undefined) {
    try {
      JSON.parse(variables);
    } catch {
      return fail(21656, "The ContentVariables Parameter is invalid.");
    }
  }
  const sid = newSid(mediaUrls.length > 0 ? "MM" : "SM");
  const now = rfc2822();
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}`;
  return {
    account_sid: accountSid,
    api_version: "2010-04-01",
    body: one(form.Body) ?? "",
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: "outbound-api",
    error_code: null,
    error_message: null,
    from: from ?? null,
    messaging_service_sid: service ?? null,
    num_media: String(mediaUrls.length),
    num_segments: "1",
    price: null,
    price_unit: null,
    sid,
    status: service ? "accepted" : "queued",
    subresource_uris: { media: `${uri}/Media.json` },
    to,
    uri: `${uri}.json`,
  };
}

function accountJson(sid: string, status: string) {
  const uri = `/2010-04-01/Accounts/${sid}`;
  return {
    auth_token: "[redacted]",
    date_created: "Mon, 05 Feb 2024 09:12:31 +0000",
    date_updated: rfc2822(),
    friendly_name: "Relay test account",
    owner_account_sid: sid,
    sid,
    status,
    subresource_uris: { messages: `${uri}/Messages.json` },
    type: "Full",
    uri: `${uri}.json`,
  };
}

async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function basicAuth(header: string | undefined) {
  if (!header?.startsWith("Basic ")) return undefined;
  return Buffer.from(header.slice(6), "base64").toString("utf8");
}
