import { handleTelephonyWebhook } from "@/lib/telephony/webhook";

type Args = { params: Promise<{ connectionId: string }> };

// Seed 001's Asterisk bridge posts its call events here (X-Relay-Secret).
export async function POST(req: Request, { params }: Args) {
  const { connectionId } = await params;
  return handleTelephonyWebhook("asterisk", connectionId, req);
}
