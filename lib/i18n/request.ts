import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, isTimeZone, LOCALE_COOKIE, localeFromAcceptLanguage, TIME_ZONE_COOKIE } from "./config";

/**
 * No locale in the URL: the remembered choice (cookie) wins, else the browser's languages. Sales teams share
 * links between English and Russian speakers, so the same path must work in both.
 */
export default getRequestConfig(async () => {
  const jar = await cookies();
  const chosen = jar.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : localeFromAcceptLanguage((await headers()).get("accept-language"));
  const zone = jar.get(TIME_ZONE_COOKIE)?.value;
  return {
    locale,
    timeZone: isTimeZone(zone) ? zone : "UTC",
    messages: (await import(`../../messages/${locale}.json`)).default,
  };
});
