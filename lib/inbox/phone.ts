import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * E.164 (+79991234567) of a number as providers and people write it: "+7 (999) 123-45-67", "79991234567"
 * (WhatsApp ids are the digits without "+"), "whatsapp:+14155238886". Undefined when it cannot be a phone
 * number. "Possible" rather than "valid": numbering plans change faster than the library, and a wrongly
 * refused number would split one client into two contacts.
 */
export function normalizePhone(input: string | null | undefined): string | undefined {
  if (!input) return undefined;
  const cleaned = input.replace(/^[a-z]+:/i, "").trim();
  if (!/\d/.test(cleaned)) return undefined;
  const international = cleaned.startsWith("+") ? cleaned : `+${cleaned.replace(/\D/g, "")}`;
  const parsed = parsePhoneNumberFromString(international);
  return parsed?.isPossible() ? parsed.number : undefined;
}
