// Meta Graph API channels: WhatsApp Cloud API and Instagram Direct, behind ChannelAdapter.
export { whatsappCloudAdapter, whatsappCloudConfigSchema } from "./whatsapp";
export type { WhatsAppCloudChannel, WhatsAppCloudConfig } from "./whatsapp";
export { instagramAdapter, instagramConfigSchema } from "./instagram";
export type { InstagramChannel, InstagramConfig } from "./instagram";
export { metaSecretsSchema, generateVerifyToken } from "./webhook-auth";
export type { MetaSecrets } from "./webhook-auth";
export { syncTemplates, createTemplate, createTemplateInputSchema, MetaTemplateError } from "./templates";
export type { WhatsAppTemplate, CreateTemplateInput } from "./templates";
export { fetchWhatsAppMedia } from "./media";
