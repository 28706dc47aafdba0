import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeForm, newSid, twilioWebhook, type TwilioParams } from "./twilio-webhooks";

export { twilioWebhook };

// Twilio Voice as ../shared/wire/twilio.md describes it: POST /2010-04-01/Accounts/{sid}/Calls.json (form,
// Basic auth AccountSid:AuthToken) answers 201 with the call resource; GET /Accounts/{sid}.json the account;
// GET /Accounts/{sid}/Recordings/{RE…}.mp3 a recording (Basic auth). Every Calls request is recorded.

export type VoiceFake = Awaited<ReturnType<typeof startTwilioVoiceFake>>;

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => resolve(body));
  });

export async function startTwilioVoiceFake(opts: { accountSid: string; authToken: string }) {
  const calls: { sid: string; form: TwilioParams }[] = [];
  const recordings = new Map<string, Buffer>();
  const expected = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString("base64")}`;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const body = await read(req);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    if (req.headers.authorization !== expected)
      return json(401, {
        code: 20003,
        message: "Authenticate",
        more_info: "https://www.twilio.com/docs/errors/20003",
        status: 401,
      });
    const base = `/2010-04-01/Accounts/${opts.accountSid}`;
    if (req.method === "GET" && url.pathname === `${base}.json`)
      return json(200, { sid: opts.accountSid, status: "active", friendly_name: "Fake" });
    if (req.method === "POST" && url.pathname === `${base}/Calls.json`) {
      const form = decodeForm(body);
      if (!form.To || !form.From || !(form.Twiml || form.Url))
        return json(400, { code: 21201, message: "No 'To' number is specified", more_info: "", status: 400 });
      const sid = newSid("CA");
      calls.push({ sid, form });
      const now = new Date().toUTCString().replace("GMT", "+0000");
      return json(201, {
        sid,
        account_sid: opts.accountSid,
        to: form.To,
        from: form.From,
        status: "queued",
        direction: "outbound-api",
        date_created: now,
        date_updated: now,
        api_version: "2010-04-01",
        uri: `${base}/Calls/${sid}.json`,
      });
    }
    const rec = /\/Recordings\/(RE[0-9a-f]{32})\.mp3$/.exec(url.pathname);
    if (req.method === "GET" && rec && recordings.has(rec[1])) {
      const bytes = recordings.get(rec[1])!;
      res.writeHead(200, { "content-type": "audio/mpeg", "content-length": bytes.length });
      return res.end(bytes);
    }
    json(404, { code: 20404, message: "The requested resource was not found", more_info: "", status: 404 });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    /** Stores audio as a recording; returns its RecordingSid and RecordingUrl (no extension, as Twilio sends). */
    addRecording(bytes: Buffer) {
      const sid = newSid("RE");
      recordings.set(sid, bytes);
      return { sid, url: `${url}/2010-04-01/Accounts/${opts.accountSid}/Recordings/${sid}` };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
