import { createTranslator } from "next-intl";
import type { Locale } from "./config";

/**
 * A translator for work outside a request (jobs writing notifications in the reader's language). The messages
 * are read at run time, so the keys are not typed here; messages/*.json holds them.
 */
export async function translatorFor(locale: Locale) {
  const messages = (await import(`../../messages/${locale}.json`)).default as Record<string, unknown>;
  return createTranslator({ locale, messages }) as unknown as (key: string, values?: Record<string, string>) => string;
}
