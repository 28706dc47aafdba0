import { z } from "zod";

// ISO 4217 as the runtime knows it (ICU's list), so a typo such as "RUR" or "EURO" is refused at the edge.
const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

export const currencySchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .refine((code) => CURRENCIES.has(code), "is not an ISO 4217 currency code")
  .meta({ description: "ISO 4217 code, e.g. RUB, USD, EUR", example: "RUB" });

const DECIMAL = /^\d{1,16}(\.\d{1,2})?$/;

/**
 * A deal's amount: a JSON number or a decimal string (exact for large sums), at most two decimals, not
 * negative. Stored as numeric(18,2) and answered as a decimal string ("1500.00") so no cent is lost to floats.
 */
export const amountSchema = z
  .union([z.number(), z.string().trim()], { error: "must be a number" })
  .transform((value, ctx) => {
    const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
    if (!DECIMAL.test(text)) {
      ctx.addIssue({
        code: "custom",
        message: "must be a number ≥ 0 with at most two decimals",
      });
      return z.NEVER;
    }
    return text;
  })
  .meta({ description: "≥ 0, at most two decimals", example: 1500 });
