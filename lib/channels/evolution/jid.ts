/**
 * WhatsApp JIDs as Evolution (Baileys 7) writes them: `<digits>@s.whatsapp.net` for a phone,
 * `<id>@lid` for privacy ("LID") addressing, `<id>@g.us` for groups, `status@broadcast` for stories,
 * `<id>@newsletter` for channels. Only one-to-one chats are conversations of a sales inbox.
 */

export type WaKey = {
  remoteJid: string;
  remoteJidAlt?: string | null;
  /** Evolution 2.3.0-2.3.3 put the phone JID of a LID chat here before remoteJidAlt existed. */
  senderPn?: string | null;
  addressingMode?: string | null;
};

const PHONE_JID = /^(\d{5,20})(?::\d+)?@s\.whatsapp\.net$/;

export function isPhoneJid(jid: string | null | undefined): jid is string {
  return typeof jid === "string" && PHONE_JID.test(jid);
}

/** Digits of a phone JID (a device suffix such as `:12` dropped), or undefined. */
export function phoneDigits(jid: string | null | undefined): string | undefined {
  if (typeof jid !== "string") return undefined;
  return PHONE_JID.exec(jid)?.[1];
}

/** Groups, broadcast lists, status updates and newsletters: not a dialog with one client. */
export function isNonPersonalJid(jid: string): boolean {
  return /@(g\.us|broadcast|newsletter)$/.test(jid);
}

export type Peer = {
  /** Digits when the phone is known, otherwise the LID JID: what Evolution's `number` accepts. */
  threadId: string;
  externalId: string;
  /** E.164 ('+' and the digits); absent for a LID chat whose phone Evolution did not reveal. */
  phone?: string;
};

/**
 * The client on the other side of a one-to-one chat, preferring the phone JID: with addressingMode
 * 'lid' the phone is in remoteJidAlt, and a contact must keep one identity whichever form a message used.
 */
export function peerOf(key: WaKey): Peer | undefined {
  if (isNonPersonalJid(key.remoteJid)) return undefined;
  const digits = phoneDigits(key.remoteJid) ?? phoneDigits(key.remoteJidAlt) ?? phoneDigits(key.senderPn);
  if (digits) return { threadId: digits, externalId: digits, phone: `+${digits}` };
  if (key.remoteJid.endsWith("@lid")) return { threadId: key.remoteJid, externalId: key.remoteJid };
  return undefined;
}
