import { describe, expect, it } from "vitest";
import { availabilitySchema } from "@/lib/ai/settings";
import { freeSlots, MAX_SLOTS } from "@/lib/assistant/slots";
import { weekSlots } from "@/lib/tasks/week-slots";

// The week view's slots are the assistant's slots: same hours, zone and booked times, only not capped.

describe("week slots", () => {
  const now = new Date("2026-03-26T07:20:00Z");
  const to = new Date(now.getTime() + 8 * 86_400_000);

  it("match the assistant's free slots where both offer them", () => {
    for (const zone of ["Europe/Moscow", "Europe/Berlin", "America/New_York"]) {
      const availability = availabilitySchema.parse({ timezone: zone, slotMinutes: 30 });
      const booked = [freeSlots(availability, [], now)[3].startsAt];
      const assistant = freeSlots(availability, booked, now);
      const week = weekSlots(availability, booked, now, to, now);
      expect(assistant).toHaveLength(MAX_SLOTS);
      expect(week.length).toBeGreaterThan(MAX_SLOTS);
      expect(week.slice(0, MAX_SLOTS)).toEqual(assistant);
      expect(week.map((s) => s.startsAt.getTime())).not.toContain(booked[0].getTime());
    }
  });

  it("keeps to the span asked for and to the working days", () => {
    const availability = availabilitySchema.parse({ timezone: "Europe/Moscow", days: [1], from: "10:00", to: "12:00" });
    const from = new Date("2026-03-30T00:00:00+03:00");
    const slots = weekSlots(availability, [], from, new Date(from.getTime() + 7 * 86_400_000), new Date(0));
    expect(slots.map((s) => s.label)).toEqual(["2026-03-30 10:00", "2026-03-30 11:00"]);
  });
});
