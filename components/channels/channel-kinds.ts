import type { ChannelType } from "@/lib/channels/types";

/** What the connect form asks for, per provider: each field is config (returned) or a secret (write-only). */
export type FieldDef = {
  key: string;
  kind: "config" | "secret";
  required?: boolean;
  placeholder?: string;
  /** Filled with a random value when connecting, and shown once afterwards for the admin to copy. */
  generate?: () => string;
  /** A choice of values instead of free text (labels from channels.fields.<type>.<key>.options.<value>). */
  options?: readonly string[];
  /** Tucked under "Advanced": most people never need it. */
  advanced?: boolean;
};

export type ChannelKind = {
  type: ChannelType;
  /** Which network the client uses (the icon). */
  network: "telegram" | "whatsapp" | "instagram";
  fields: readonly FieldDef[];
};

/** base64url of random bytes: allowed in Telegram's secret_token, Meta's verify token and Evolution's JWT key. */
export function randomToken(bytes = 24): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...data))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export const channelKinds: readonly ChannelKind[] = [
  {
    type: "telegram",
    network: "telegram",
    fields: [
      { key: "botToken", kind: "secret", required: true, placeholder: "123456789:AAH…" },
      { key: "mode", kind: "config", options: ["auto", "webhook", "polling"], advanced: true },
      { key: "webhookSecret", kind: "secret", generate: () => randomToken(), advanced: true },
    ],
  },
  {
    type: "whatsapp_cloud",
    network: "whatsapp",
    fields: [
      { key: "phoneNumberId", kind: "config", required: true, placeholder: "106540352242922" },
      { key: "wabaId", kind: "config", placeholder: "102290129340398" },
      { key: "accessToken", kind: "secret", required: true, placeholder: "EAAG…" },
      { key: "appSecret", kind: "secret", required: true },
      { key: "verifyToken", kind: "secret", generate: () => randomToken() },
    ],
  },
  {
    type: "twilio_whatsapp",
    network: "whatsapp",
    fields: [
      { key: "accountSid", kind: "config", required: true, placeholder: "AC…" },
      { key: "from", kind: "config", placeholder: "whatsapp:+14155238886" },
      { key: "messagingServiceSid", kind: "config", placeholder: "MG…" },
      { key: "authToken", kind: "secret", required: true },
    ],
  },
  {
    type: "instagram",
    network: "instagram",
    fields: [
      { key: "igUserId", kind: "config", required: true, placeholder: "17841400000000000" },
      { key: "pageId", kind: "config", advanced: true },
      { key: "accessToken", kind: "secret", required: true, placeholder: "IGAA… / EAAG…" },
      { key: "appSecret", kind: "secret", required: true },
      { key: "verifyToken", kind: "secret", generate: () => randomToken() },
    ],
  },
  {
    type: "evolution",
    network: "whatsapp",
    fields: [
      { key: "baseUrl", kind: "config", required: true, placeholder: "https://evo.example.com" },
      { key: "instanceName", kind: "config", required: true, placeholder: "sales" },
      { key: "apiKey", kind: "secret", required: true },
      { key: "webhookToken", kind: "secret", generate: () => randomToken(), advanced: true },
      { key: "importDatabaseUrl", kind: "secret", placeholder: "postgresql://…", advanced: true },
    ],
  },
];

export const kindOf = (type: ChannelType): ChannelKind => channelKinds.find((k) => k.type === type)!;

/** "auto" is how the form says "let the server decide": the API wants the key left out. */
export const AUTO = "auto";
