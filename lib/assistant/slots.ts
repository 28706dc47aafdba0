import type { Availability } from "@/lib/ai/settings";

// Free appointment slots: the organisation's bookable hours (Settings → AI availability, in its own time zone)
// over the next days, minus what is booked. Labels are local wall-clock times, which is what the client reads
// and what the model must hand back exactly.

export type Slot = { label: string; startsAt: Date; endsAt: Date };

/** At most this many slots are offered, so the tool's enum stays small. */
export const MAX_SLOTS = 40;
const DAYS_AHEAD = 7;

function zonedParts(at: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    weekday: "short",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
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

/** Milliseconds the zone is ahead of UTC at this instant. */
function offsetAt(at: number, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/** The instant a wall-clock time in the zone denotes (the usual two-pass correction around DST changes). */
export function zonedTime(year: number, month: number, day: number, minutes: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, 0, minutes);
  let at = guess - offsetAt(guess, timeZone);
  const second = offsetAt(at, timeZone);
  if (guess - second !== at) at = guess - second;
  return new Date(at);
}

const pad = (n: number) => String(n).padStart(2, "0");
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The bookable slots from `now` over the next week, earliest first, skipping the booked start times. */
export function freeSlots(availability: Availability, booked: Date[], now = new Date()): Slot[] {
  const { timezone, days, slotMinutes } = availability;
  const taken = new Set(booked.map((d) => d.getTime()));
  const from = minutesOf(availability.from);
  const to = minutesOf(availability.to);
  const slots: Slot[] = [];
  for (let d = 0; d <= DAYS_AHEAD && slots.length < MAX_SLOTS; d++) {
    const day = zonedParts(now.getTime() + d * 86_400_000, timezone);
    if (!days.includes(day.weekday)) continue;
    for (let m = from; m + slotMinutes <= to && slots.length < MAX_SLOTS; m += slotMinutes) {
      const startsAt = zonedTime(day.year, day.month, day.day, m, timezone);
      if (startsAt.getTime() <= now.getTime() || taken.has(startsAt.getTime())) continue;
      slots.push({
        label: `${day.year}-${pad(day.month)}-${pad(day.day)} ${pad(Math.floor(m / 60))}:${pad(m % 60)}`,
        startsAt,
        endsAt: new Date(startsAt.getTime() + slotMinutes * 60_000),
      });
    }
  }
  return slots;
}
