import twilio from "twilio";
import { env } from "@/lib/env";
import type { TwilioConfig, TwilioSecrets } from "./config";

type RequestClient = twilio.RequestClient;
type HttpResponse = Awaited<ReturnType<RequestClient["request"]>>;

// One connection pool for every channel: a client per call is cheap, a TLS handshake per message is not.
let sharedHttp: RequestClient | undefined;
function http(): RequestClient {
  return (sharedHttp ??= new twilio.RequestClient({ keepAlive: true, timeout: 20_000 }));
}

export type TwilioApi = {
  client: twilio.Twilio;
  /** Status and headers of the last answer: the SDK's RestException keeps neither Retry-After nor any header. */
  lastResponse(): Pick<HttpResponse, "statusCode" | "headers"> | undefined;
};

/**
 * A twilio SDK client for one channel. With TWILIO_API_BASE_URL set (tests, or a proxy) every domain the
 * adapter uses goes there: `api` (Messages, Accounts: api.twilio.com) and `content` (Content API:
 * content.twilio.com). Domain.baseUrl is a public property; the SDK's hostname rewrite only applies with an
 * edge or region, which are left unset.
 */
export function twilioApi(config: Pick<TwilioConfig, "accountSid">, secrets: TwilioSecrets): TwilioApi {
  const shared = http();
  let last: HttpResponse | undefined;
  // Same pool, but this call's answers are remembered here rather than on the shared client, which
  // concurrent sends would overwrite.
  const recording = Object.create(shared) as RequestClient;
  recording.request = async (opts) => {
    last = undefined;
    const response = await shared.request(opts);
    last = response;
    return response;
  };

  const client = twilio(config.accountSid, secrets.authToken, { httpClient: recording, autoRetry: false });
  const base = env().TWILIO_API_BASE_URL;
  if (base) {
    client.api.baseUrl = base;
    client.content.baseUrl = base;
  }
  return { client, lastResponse: () => last };
}
