// A time zone as people name it: "Москва" rather than "Europe/Moscow". ICU names zones by metazone ("Asia/
// Novosibirsk" comes out as Krasnoyarsk time), so the zones our users pick most are named by their city here;
// any other falls back to the city part of its IANA id, then to ICU's generic name.
const RU: Record<string, string> = {
  "Europe/Kaliningrad": "Калининград",
  "Europe/Moscow": "Москва",
  "Europe/Volgograd": "Волгоград",
  "Europe/Samara": "Самара",
  "Asia/Yekaterinburg": "Екатеринбург",
  "Asia/Omsk": "Омск",
  "Asia/Novosibirsk": "Новосибирск",
  "Asia/Krasnoyarsk": "Красноярск",
  "Asia/Irkutsk": "Иркутск",
  "Asia/Yakutsk": "Якутск",
  "Asia/Vladivostok": "Владивосток",
  "Asia/Magadan": "Магадан",
  "Asia/Kamchatka": "Камчатка",
  "Europe/Minsk": "Минск",
  "Europe/Kyiv": "Киев",
  "Europe/Kiev": "Киев",
  "Asia/Almaty": "Алматы",
  "Asia/Tashkent": "Ташкент",
  "Asia/Tbilisi": "Тбилиси",
  "Asia/Yerevan": "Ереван",
  "Asia/Baku": "Баку",
  "Asia/Dubai": "Дубай",
  "Europe/Istanbul": "Стамбул",
  "Europe/Berlin": "Берлин",
  "Europe/London": "Лондон",
  "America/New_York": "Нью-Йорк",
  UTC: "UTC",
};

function icuName(zone: string, locale: string): string | undefined {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "longGeneric" })
      .formatToParts(new Date())
      .find((p) => p.type === "timeZoneName")?.value;
  } catch {
    return undefined;
  }
}

export function timeZoneName(zone: string, locale: string): string {
  if (locale.startsWith("ru")) return RU[zone] ?? icuName(zone, "ru") ?? zone;
  const city = zone.split("/").pop();
  return zone === "UTC" || !city ? zone : city.replace(/_/g, " ");
}
