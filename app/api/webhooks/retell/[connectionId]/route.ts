import { handleTelephonyWebhook } from "@/lib/telephony/webhook";

type Args = { params: Promise<{ connectionId: string }> };

// Retell AI's call_started / call_ended / call_analyzed, signed with x-retell-signature.
export async function POST(req: Request, { params }: Args) {
  const { connectionId } = await params;
  return handleTelephonyWebhook("retell", connectionId, req);
}
