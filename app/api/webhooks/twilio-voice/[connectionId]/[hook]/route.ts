import { handleTelephonyWebhook } from "@/lib/telephony/webhook";

type Args = { params: Promise<{ connectionId: string; hook: string }> };

// Twilio Voice: the number's voice URL (/voice, answers TwiML), status (/status) and recording (/recording)
// callbacks, each signed with X-Twilio-Signature.
export async function POST(req: Request, { params }: Args) {
  const { connectionId, hook } = await params;
  return handleTelephonyWebhook("twilio-voice", connectionId, req, hook);
}
