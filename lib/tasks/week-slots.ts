import type { Availability } from "@/lib/ai/settings";

// The free slots of a span of days for the week view, by the same rules as the assistant's
// (lib/assistant/slots.ts: the organisation's hours in its zone, minus booked start times), without its cap
// of what fits a tool's enum. Formatters are made once per zone: building one costs a quarter millisecond.

export type WeekSlot = { label: string; startsAt: Date; endsAt: Date };

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(at: number, timeZone: string) {
  const p = formatter(timeZone).formatToParts(at);
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? "";
  return {
    year: Number(get("year")),
    month: Number(get("month")),
    day: Number(get("day")),
    hour: Number(get("hour")),
    minute: Number(get("minute")),
    second: Number(get("second")),
    weekday: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(get("weekday")) + 1,
  };
}

function offsetAt(at: number, timeZone: string) {
  const p = parts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/** The instant of a wall-clock time in the zone (two passes, for the hours around a DST change). */
function zoned(year: number, month: number, day: number, minutes: number, timeZone: string) {
  const guess = Date.UTC(year, month - 1, day, 0, minutes);
  let at = guess - offsetAt(guess, timeZone);
  const second = offsetAt(at, timeZone);
  if (guess - second !== at) at = guess - second;
  return at;
}

const pad = (n: number) => String(n).padStart(2, "0");
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Free slots starting in [from, to) and after now, earliest first. */
export function weekSlots(availability: Availability, booked: Date[], from: Date, to: Date, now = new Date()) {
  const { timezone, days, slotMinutes } = availability;
  const taken = new Set(booked.map((d) => d.getTime()));
  const start = minutesOf(availability.from);
  const end = minutesOf(availability.to);
  const slots: WeekSlot[] = [];
  const seenDays = new Set<string>();
  for (let t = from.getTime() - DAY; t < to.getTime() + DAY; t += DAY) {
    const day = parts(t, timezone);
    const key = `${day.year}-${pad(day.month)}-${pad(day.day)}`;
    if (seenDays.has(key) || !days.includes(day.weekday)) continue;
    seenDays.add(key);
    for (let m = start; m + slotMinutes <= end; m += slotMinutes) {
      const at = zoned(day.year, day.month, day.day, m, timezone);
      if (at < from.getTime() || at >= to.getTime() || at <= now.getTime() || taken.has(at)) continue;
      slots.push({
        label: `${key} ${pad(Math.floor(m / 60))}:${pad(m % 60)}`,
        startsAt: new Date(at),
        endsAt: new Date(at + slotMinutes * 60_000),
      });
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
