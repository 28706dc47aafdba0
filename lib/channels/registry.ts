import type { ChannelAdapter, ChannelType } from "./types";

// Filled in as each provider lands (lib/channels/<provider>/index.ts exports its adapter).
const adapters: Partial<Record<ChannelType, ChannelAdapter>> = {};

export function adapterFor(type: ChannelType): ChannelAdapter {
  const adapter = adapters[type];
  if (!adapter) throw new Error(`no adapter for channel type ${type}`);
  return adapter;
}

/** Wiring only: puts an adapter in the registry (a test's fake provider, or a provider module at start-up). */
export function registerAdapter<Config, Secrets>(adapter: ChannelAdapter<Config, Secrets>): void {
  adapters[adapter.type] = adapter as unknown as ChannelAdapter;
}
