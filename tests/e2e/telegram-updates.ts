import type { Update } from "grammy/types";

/** Telegram updates as the Bot API delivers them (shapes of ../shared/wire/fixtures/telegram), for e2e journeys. */

let updateId = 810_000_000;
let messageId = 5_000;

type Person = { id: number; first_name: string; last_name?: string; username?: string; language_code?: string };

function message(from: Person, content: Record<string, unknown>): Update {
  return {
    update_id: ++updateId,
    message: {
      message_id: ++messageId,
      from: { is_bot: false, ...from },
      chat: {
        id: from.id,
        type: "private",
        first_name: from.first_name,
        last_name: from.last_name,
        username: from.username,
      },
      date: Math.floor(Date.now() / 1000),
      ...content,
    },
  } as Update;
}

export const text = (from: Person, body: string) => message(from, { text: body });

export const voice = (from: Person, duration: number) =>
  message(from, {
    voice: {
      duration,
      mime_type: "audio/ogg",
      file_id: `AwACAgIAAxkBAAI${updateId}voice`,
      file_unique_id: `AgAD${updateId}`,
      file_size: 11_833,
    },
  });

export const photo = (from: Person, caption: string) =>
  message(from, {
    caption,
    photo: [
      {
        file_id: `AgACAgIAAxkBAAI${updateId}s`,
        file_unique_id: `AQAD${updateId}s`,
        width: 90,
        height: 67,
        file_size: 1_204,
      },
      {
        file_id: `AgACAgIAAxkBAAI${updateId}m`,
        file_unique_id: `AQAD${updateId}m`,
        width: 800,
        height: 600,
        file_size: 64_380,
      },
    ],
  });

export const document = (from: Person, fileName: string, caption?: string) =>
  message(from, {
    ...(caption ? { caption } : {}),
    document: {
      file_name: fileName,
      mime_type: "application/pdf",
      file_id: `BQACAgIAAxkBAAI${updateId}doc`,
      file_unique_id: `AgAD${updateId}d`,
      file_size: 248_112,
    },
  });
