import { describe, expect, it } from "vitest";
import { availabilitySchema } from "@/lib/ai/settings";
import { freeSlots, MAX_SLOTS, zonedTime } from "@/lib/assistant/slots";

const hours = (input: Parameters<typeof availabilitySchema.parse>[0]) => availabilitySchema.parse(input);

describe("free appointment slots", () => {
  it("reads the bookable hours in the organisation's time zone", () => {
    // Monday 2026-11-23 06:00 UTC = 09:00 in Moscow (UTC+3, no DST).
    const now = new Date("2026-11-23T06:00:00Z");
    const slots = freeSlots(hours({ timezone: "Europe/Moscow", days: [1], from: "10:00", to: "13:00" }), [], now);
    expect(slots.map((s) => s.label)).toEqual([
      "2026-11-23 10:00",
      "2026-11-23 11:00",
      "2026-11-23 12:00",
      "2026-11-30 10:00",
      "2026-11-30 11:00",
      "2026-11-30 12:00",
    ]);
    expect(slots[0].startsAt.toISOString()).toBe("2026-11-23T07:00:00.000Z");
    expect(slots[0].endsAt.toISOString()).toBe("2026-11-23T08:00:00.000Z");
  });

  it("skips past and booked slots and the days off", () => {
    const now = new Date("2026-11-23T08:30:00Z"); // 11:30 in Moscow: 10:00 and 11:00 are past
    const booked = [new Date("2026-11-23T09:00:00Z")]; // 12:00 Moscow
    const slots = freeSlots(
      hours({ timezone: "Europe/Moscow", days: [1, 2], from: "10:00", to: "14:00" }),
      booked,
      now,
    );
    expect(slots.slice(0, 3).map((s) => s.label)).toEqual(["2026-11-23 13:00", "2026-11-24 10:00", "2026-11-24 11:00"]);
    expect(slots.every((s) => !s.label.startsWith("2026-11-25"))).toBe(true);
  });

  it("converts wall-clock time across a DST change and caps the list", () => {
    // New York leaves DST on 2026-11-01: 10:00 is 14:00 UTC before and 15:00 UTC after.
    expect(zonedTime(2026, 10, 31, 600, "America/New_York").toISOString()).toBe("2026-10-31T14:00:00.000Z");
    expect(zonedTime(2026, 11, 2, 600, "America/New_York").toISOString()).toBe("2026-11-02T15:00:00.000Z");
    const many = freeSlots(
      hours({ timezone: "UTC", days: [1, 2, 3, 4, 5, 6, 7], from: "00:00", to: "23:45", slotMinutes: 15 }),
      [],
    );
    expect(many).toHaveLength(MAX_SLOTS);
  });
});
