import { z } from "zod";

// The business profile (Settings → AI): the only facts the assistant may state to a client. Anything it cannot
// answer from here is handed to a human, never invented.

export const faqEntrySchema = z.object({
  q: z.string().trim().min(1).max(500),
  a: z.string().trim().min(1).max(2000),
});
export type FaqEntry = z.infer<typeof faqEntrySchema>;

export const serviceSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(1000).nullable().default(null),
  /** As the business writes it ("от 3 500 ₽/м²", "$40/hour"): prices are quoted, never computed. */
  price: z.string().trim().max(200).nullable().default(null),
});
export type Service = z.infer<typeof serviceSchema>;

export const businessProfileSchema = z.object({
  company: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullable().default(null),
  services: z.array(serviceSchema).max(200).default([]),
  /** Free text, e.g. "Пн–Пт 9:00–19:00, Сб 10:00–16:00". */
  workingHours: z.string().trim().max(500).nullable().default(null),
  /** Where the business works or travels to ("Москва и Балашиха, Мытищи, Реутов"): answers "do you work in X?". */
  serviceArea: z.string().trim().max(1000).nullable().default(null),
  faq: z.array(faqEntrySchema).max(500).default([]),
  tone: z.enum(["friendly", "neutral", "formal"]).default("friendly"),
});
export type BusinessProfile = z.infer<typeof businessProfileSchema>;
export type BusinessProfileInput = z.input<typeof businessProfileSchema>;
