import { evolutionAdapter } from "./evolution";
import { instagramAdapter, whatsappCloudAdapter } from "./meta";
import { telegramAdapter } from "./telegram";
import { twilioWhatsAppAdapter } from "./twilio";
import type { ChannelAdapter, ChannelType } from "./types";

const erase = <C, S>(adapter: ChannelAdapter<C, S>) => adapter as unknown as ChannelAdapter;

// Each adapter validates its own config and secrets, so the registry can hold them without their types.
const adapters: Partial<Record<ChannelType, ChannelAdapter>> = {
  telegram: erase(telegramAdapter),
  twilio_whatsapp: erase(twilioWhatsAppAdapter),
  whatsapp_cloud: erase(whatsappCloudAdapter),
  instagram: erase(instagramAdapter),
  evolution: erase(evolutionAdapter),
};

export function adapterFor(type: ChannelType): ChannelAdapter {
  const adapter = adapters[type];
  if (!adapter) throw new Error(`no adapter for channel type ${type}`);
  return adapter;
}

/** Wiring only: puts an adapter in the registry (a test's fake provider). */
export function registerAdapter<Config, Secrets>(adapter: ChannelAdapter<Config, Secrets>): void {
  adapters[adapter.type] = erase(adapter);
}
