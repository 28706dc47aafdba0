import { handleWebhook } from "@/lib/inbox/ingest";

type Args = { params: Promise<{ provider: string; channelId: string }> };

// Provider webhooks: no session; each provider's signature or secret is checked by its adapter.
export async function POST(req: Request, { params }: Args) {
  const { provider, channelId } = await params;
  return handleWebhook(provider, channelId, req);
}

/** Meta's hub.challenge handshake. */
export async function GET(req: Request, { params }: Args) {
  const { provider, channelId } = await params;
  return handleWebhook(provider, channelId, req);
}
