import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

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

/**
 * A number a person typed into the contact panel, as E.164, or undefined when it is not a valid number.
 * Stricter than normalizePhone ("valid", not just "possible"): here a typo should be caught, not stored.
 * Without a "+", it is read in `defaultCountry` first ("8 903 555-12-34" in Russia), then as international.
 */
export function parseTypedPhone(input: string, defaultCountry?: CountryCode): string | undefined {
  const cleaned = input.trim();
  if (!/\d/.test(cleaned) || /[a-z]/i.test(cleaned.replace(/^tel:/i, ""))) return undefined;
  const attempts = cleaned.startsWith("+")
    ? [parsePhoneNumberFromString(cleaned)]
    : [
        defaultCountry ? parsePhoneNumberFromString(cleaned, defaultCountry) : undefined,
        parsePhoneNumberFromString(`+${cleaned.replace(/\D/g, "")}`),
      ];
  return attempts.find((p) => p?.isValid())?.number;
}

/** The country of a stored E.164 number, to read a client's local way of writing numbers ("8 …" in Russia). */
export function countryOf(e164: string | null | undefined): CountryCode | undefined {
  return e164 ? parsePhoneNumberFromString(e164)?.country : undefined;
}

/** Valid phone numbers written in a message ("+7 (903) 555-12-34", "8 903 555 12 34"), as E.164. */
export function findPhonesInText(text: string, defaultCountry?: CountryCode): string[] {
  const found = findPhoneNumbersInText(text, defaultCountry ? { defaultCountry } : undefined);
  return [...new Set(found.filter((f) => f.number.isValid()).map((f) => f.number.number))];
}
