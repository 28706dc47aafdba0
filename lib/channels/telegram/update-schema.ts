import { z } from "zod";

// The part of the Bot API's Update that the inbox reads. Objects stay loose: Telegram adds fields often,
// and a field we do not know about must never turn a real update into a 400 (Telegram would retry it).

const id = z.number().int();
const fileFields = {
  file_id: z.string().min(1),
  file_unique_id: z.string().optional(),
  file_size: z.number().int().nonnegative().optional(),
};

export const userSchema = z.looseObject({
  id,
  is_bot: z.boolean().optional(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

export const chatSchema = z.looseObject({
  id,
  type: z.string(),
  title: z.string().optional(),
  username: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
});

const photoSizeSchema = z.looseObject({ ...fileFields, width: z.number(), height: z.number() });
const documentSchema = z.looseObject({
  ...fileFields,
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
});
const timedFileSchema = documentSchema.extend({ duration: z.number().nonnegative() });

export const messageSchema = z.looseObject({
  message_id: id,
  from: userSchema.optional(),
  sender_chat: chatSchema.optional(),
  chat: chatSchema,
  date: z.number().int().nonnegative(),
  edit_date: z.number().int().nonnegative().optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  reply_to_message: z.looseObject({ message_id: id }).optional(),
  photo: z.array(photoSizeSchema).min(1).optional(),
  document: documentSchema.optional(),
  animation: timedFileSchema.optional(),
  voice: timedFileSchema.optional(),
  audio: timedFileSchema.extend({ title: z.string().optional(), performer: z.string().optional() }).optional(),
  video: timedFileSchema.optional(),
  video_note: timedFileSchema.optional(),
  sticker: z.looseObject({ ...fileFields, emoji: z.string().optional(), is_video: z.boolean().optional() }).optional(),
  location: z.looseObject({ latitude: z.number(), longitude: z.number() }).optional(),
  venue: z.looseObject({ title: z.string(), address: z.string() }).optional(),
  contact: z
    .looseObject({
      phone_number: z.string(),
      first_name: z.string(),
      last_name: z.string().optional(),
      user_id: id.optional(),
    })
    .optional(),
});
export type TelegramMessage = z.infer<typeof messageSchema>;

export const updateSchema = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: messageSchema.optional(),
  edited_message: messageSchema.optional(),
});
export type TelegramUpdate = z.infer<typeof updateSchema>;

/**
 * Messages that record something happening in the chat rather than something a person wrote: they carry
 * none of the content fields, and the inbox skips them instead of showing an "unsupported" bubble.
 */
export const serviceMessageKeys = new Set([
  "new_chat_members",
  "left_chat_member",
  "new_chat_title",
  "new_chat_photo",
  "delete_chat_photo",
  "group_chat_created",
  "supergroup_chat_created",
  "channel_chat_created",
  "message_auto_delete_timer_changed",
  "migrate_to_chat_id",
  "migrate_from_chat_id",
  "pinned_message",
  "successful_payment",
  "refunded_payment",
  "users_shared",
  "chat_shared",
  "connected_website",
  "write_access_allowed",
  "proximity_alert_triggered",
  "boost_added",
  "chat_background_set",
  "forum_topic_created",
  "forum_topic_edited",
  "forum_topic_closed",
  "forum_topic_reopened",
  "general_forum_topic_hidden",
  "general_forum_topic_unhidden",
  "giveaway_created",
  "giveaway_completed",
  "video_chat_scheduled",
  "video_chat_started",
  "video_chat_ended",
  "video_chat_participants_invited",
  "web_app_data",
]);
