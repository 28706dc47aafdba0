import type { TwilioChannel } from "./config";
import { twilioApi } from "./client";
import { toTwilioSendError } from "./errors";

/** GET /2010-04-01/Accounts/{sid}.json: proves the SID and token belong together and the account can send. */
export async function testTwilioAccount(channel: TwilioChannel): Promise<{ ok: boolean; detail: string }> {
  const { client } = twilioApi(channel.config, channel.secrets);
  try {
    const account = await client.api.v2010.accounts(channel.config.accountSid).fetch();
    const name = account.friendlyName ? `"${account.friendlyName}"` : account.sid;
    if (account.status !== "active") return { ok: false, detail: `Twilio account ${name} is ${account.status}` };
    const sender = channel.config.from ?? `Messaging Service ${channel.config.messagingServiceSid}`;
    return { ok: true, detail: `Twilio account ${name} is active; WhatsApp messages go out from ${sender}` };
  } catch (error) {
    const reason = toTwilioSendError(error);
    const code = (reason as { code?: string }).code;
    return { ok: false, detail: code && /^\d+$/.test(code) ? `${reason.message} (Twilio ${code})` : reason.message };
  }
}
