import { newSid } from "./twilio-webhooks";

// content.twilio.com/v1 for the Twilio fake: JSON bodies, ISO 8601 dates (unlike the 2010 API), paged lists.

export type Approval = { name: string; category: string; status: string; rejection_reason?: string };
export type Content = {
  sid: string;
  friendly_name: string;
  language: string;
  variables: Record<string, string>;
  types: Record<string, unknown>;
  date_created: string;
  date_updated: string;
  approval?: Approval;
};

export function twilioError(code: number, message: string, status: number) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

export function isoNow() {
  return new Date().toISOString().replace(/\.\d+Z$/, "Z");
}

const contentTypes = /^(twilio|whatsapp)\//;

/** content.twilio.com/v1: list, fetch, create, approval status and approval request. */
export function contentApi(
  method: string,
  url: URL,
  json: unknown,
  ctx: {
    origin: string;
    accountSid: string;
    contents: Map<string, Content>;
    send: (status: number, payload: unknown) => void;
  },
) {
  const { origin, accountSid, contents, send } = ctx;
  const path = url.pathname;
  const notFound = () => send(404, twilioError(20404, `The requested resource ${path} was not found`, 404));
  const contentJson = (c: Content) => {
    const { approval: _approval, ...rest } = c;
    const self = `${origin}/v1/Content/${c.sid}`;
    return {
      ...rest,
      account_sid: accountSid,
      url: self,
      links: { approval_create: `${self}/ApprovalRequests/whatsapp`, approval_fetch: `${self}/ApprovalRequests` },
    };
  };
  const approvalJson = (c: Content) => ({
    name: c.approval?.name ?? "",
    category: c.approval?.category ?? "",
    content_type: "twilio/text",
    status: c.approval?.status ?? "unsubmitted",
    rejection_reason: c.approval?.rejection_reason ?? "",
    allow_category_change: true,
  });

  if (method === "GET" && (path === "/v1/Content" || path === "/v1/ContentAndApprovals")) {
    const withApprovals = path === "/v1/ContentAndApprovals";
    const all = [...contents.values()].map((c) =>
      withApprovals ? { ...contentJson(c), approval_requests: approvalJson(c) } : contentJson(c),
    );
    const pageSize = Number(url.searchParams.get("PageSize") ?? 50);
    const page = Number(url.searchParams.get("Page") ?? 0);
    const pageUrl = (n: number) => `${origin}${path}?PageSize=${pageSize}&Page=${n}`;
    const more = (page + 1) * pageSize < all.length;
    return send(200, {
      contents: all.slice(page * pageSize, (page + 1) * pageSize),
      meta: {
        page,
        page_size: pageSize,
        first_page_url: pageUrl(0),
        previous_page_url: page > 0 ? pageUrl(page - 1) : null,
        url: pageUrl(page),
        next_page_url: more ? pageUrl(page + 1) : null,
        key: "contents",
      },
    });
  }
  if (method === "POST" && path === "/v1/Content") {
    const b = (json ?? {}) as Partial<Content>;
    if (!b.language) return send(400, twilioError(20001, "Language is required", 400));
    const types = Object.keys(b.types ?? {}).filter((t) => contentTypes.test(t));
    if (types.length === 0) {
      return send(400, twilioError(20001, "Invalid types. At least one content type definition is required", 400));
    }
    const sid = newSid("HX");
    const now = isoNow();
    const c: Content = {
      sid,
      friendly_name: b.friendly_name ?? "",
      language: b.language,
      variables: b.variables ?? {},
      types: b.types ?? {},
      date_created: now,
      date_updated: now,
    };
    contents.set(sid, c);
    return send(201, contentJson(c));
  }
  const one = /^\/v1\/Content\/(HX[0-9a-f]{32})(\/ApprovalRequests(\/whatsapp)?)?$/.exec(path);
  const c = one && contents.get(one[1]);
  if (!c) return notFound();
  if (method === "GET" && !one[2]) return send(200, contentJson(c));
  if (method === "GET" && !one[3]) {
    const url = `${origin}/v1/Content/${c.sid}/ApprovalRequests`;
    return send(200, {
      sid: c.sid,
      account_sid: accountSid,
      whatsapp: { type: "whatsapp", ...approvalJson(c) },
      url,
    });
  }
  if (method === "POST" && one[3]) {
    const b = (json ?? {}) as { name?: string; category?: string };
    if (!b.name || !b.category) return send(400, twilioError(20001, "name and category are required", 400));
    c.approval = { name: b.name, category: b.category, status: "received" };
    return send(201, approvalJson(c));
  }
  notFound();
}
